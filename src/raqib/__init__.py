"""Raqib (رقيب, "the watcher"): a multilingual sanctions screening engine.

Library use::

    from raqib import Screener, Query, load_screener, Settings
    screener = load_screener(Settings.from_env())     # the lists loaded by `raqib update`
    result = screener.screen(Query("سيرغي لافروف", schema="person"))
"""

__version__ = "0.1.0"
__all__ = ["Screener", "Query", "Hit", "ScreeningResult", "Settings", "load_screener", "__version__"]


def __getattr__(name: str):
    # Imported on first use: the CLI's list commands need no matching machinery.
    if name in ("Screener", "Query", "Hit", "ScreeningResult"):
        from raqib import matching

        return getattr(matching, name)
    if name == "Settings":
        from raqib.settings import Settings

        return Settings
    if name == "load_screener":
        from raqib.engine import load_screener

        return load_screener
    raise AttributeError(f"module 'raqib' has no attribute {name!r}")
