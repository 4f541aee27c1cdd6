"""The public catalog site that `akq export` builds and `akq publish` puts into place.

One module per job: ``model`` turns a loaded catalog into what the pages show,
``search`` builds the compact client-side index, ``opendata`` writes
catalog.json/.csv/.xlsx, ``history`` reads the catalog's git log into the
changes page and Atom feed, ``pages`` renders the jinja2 templates, ``writer``
puts files under the output folder safely, and ``publish`` switches a served
folder from one version to the next.
"""
