"""`--format junit`: JUnit XML, one test case per file and a failure per finding.

CI systems that show test reports (GitLab, Jenkins, Azure) then list each item
file as passed or failed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from akq_cli.core.escape import visible
from akq_cli.lint.engine import LintReport


def render(report: LintReport) -> str:
    by_file = {file: list(group) for file, group in groupby(report.findings, key=lambda f: f.file)}
    names = sorted(set(report.linted) | set(by_file))
    # "failures" counts failed test cases (files), as JUnit readers expect; each lists its findings.
    failed = str(sum(1 for name in names if by_file.get(name)))
    suites = ET.Element("testsuites", name="akq lint", tests=str(len(names)), failures=failed)
    suite = ET.SubElement(
        suites, "testsuite", name="akq lint", tests=str(len(names)), failures=failed, errors="0", skipped="0"
    )
    for name in names:
        # visible(): XML 1.0 cannot hold most control characters at all, and a file name comes from the merge request
        case = ET.SubElement(suite, "testcase", classname="akq.lint", name=visible(name))
        for f in by_file.get(name, []):
            failure = ET.SubElement(case, "failure", message=visible(f"{f.rule}: {f.message}"), type=f.severity)
            failure.text = visible(f"{f.file}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
