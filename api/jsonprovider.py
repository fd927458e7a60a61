"""JSON responses serialised by orjson (dataclasses and dates included)."""

from __future__ import annotations

from typing import Any

import orjson
from flask.json.provider import JSONProvider

__all__ = ["OrjsonProvider"]


def _dumps(obj: Any) -> bytes:
    """Most bodies have string keys only; orjson's option for others (a map keyed by date
    or number) is a third slower on a hub's 900 KB neighbourhood, so it is the fallback."""
    try:
        return orjson.dumps(obj)
    except orjson.JSONEncodeError:
        return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)


class OrjsonProvider(JSONProvider):
    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return _dumps(obj).decode()

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return orjson.loads(s)

    def response(self, *args: Any, **kwargs: Any) -> Any:
        obj = args[0] if len(args) == 1 else (args or kwargs)
        return self._app.response_class(_dumps(obj), mimetype="application/json")  # type: ignore[arg-type]
