from akq_cli.cli import main

main()
