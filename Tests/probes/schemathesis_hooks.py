"""Schemathesis hooks: send the API's text uploads (CSV, YAML) as the text they are."""
import schemathesis


class TextSerializer:
    def as_requests(self, context, value):
        text = value if isinstance(value, str) else ("" if value is None else str(value))
        return {"data": text.encode("utf-8")}

    def as_werkzeug(self, context, value):
        return self.as_requests(context, value)


for media_type in ("text/csv", "application/yaml"):
    schemathesis.serializer(media_type)(TextSerializer)
