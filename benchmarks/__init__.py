"""Raqib's benchmark harness: screening effectiveness and speed against anchor matchers.

Run ``python -m benchmarks.run [--quick] [--seed N]``; the report lands in ``benchmarks/out/``.
"""
