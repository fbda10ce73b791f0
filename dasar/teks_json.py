"""JSON for exact numbers: what the commands print and the pages' JSON endpoints answer."""

import json
import re
import uuid
from decimal import Decimal
from typing import Any


def dumps_json(data: Any) -> str:
    """JSON with Decimals written as plain numbers (never floats, never strings)."""
    token = uuid.uuid4().hex

    def convert(o: Any) -> Any:
        if isinstance(o, Decimal):
            return f"{token}{o:f}{token}"
        if isinstance(o, dict):
            return {k: convert(v) for k, v in o.items()}
        if isinstance(o, list | tuple):
            return [convert(v) for v in o]
        return o

    text = json.dumps(convert(data), indent=2, ensure_ascii=False)
    return re.sub(f'"{token}(-?[0-9.]+){token}"', r"\1", text)
