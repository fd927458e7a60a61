"""JSON responses serialised by orjson (dataclasses and dates included)."""

from __future__ import annotations

from typing import Any

import orjson
from flask.json.provider import JSONProvider

__all__ = ["OrjsonProvider"]


class OrjsonProvider(JSONProvider):
    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode()

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return orjson.loads(s)

    def response(self, *args: Any, **kwargs: Any) -> Any:
        obj = args[0] if len(args) == 1 else (args or kwargs)
        body = orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)
        return self._app.response_class(body, mimetype="application/json")  # type: ignore[arg-type]
