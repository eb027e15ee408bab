#!/usr/bin/env python3
"""Prints each failed test of the given .trx files with its message and the top of its stack.

CI keeps only the tail of the test command's output, so the failures are repeated after the summary.
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
failed = 0
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        failed += 1
        message = result.findtext(".//t:ErrorInfo/t:Message", default="", namespaces=NS).strip()
        stack = result.findtext(".//t:ErrorInfo/t:StackTrace", default="", namespaces=NS).strip().splitlines()
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        for line in message.splitlines()[:40]:
            print(f"    {line}")
        for line in stack[:12]:
            print(f"    {line}")
        print()
print(f"{failed} failed test(s) listed above." if failed else "No failed test in the results.")
