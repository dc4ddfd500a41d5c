"""Matchers the harness compares, behind one small protocol (``base.Matcher``)."""
