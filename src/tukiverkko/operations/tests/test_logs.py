"""Request logging: one structured line per request, with the request id and no query string."""

from __future__ import annotations

import json
import logging

import pytest

from tukiverkko.operations import logs


@pytest.mark.django_db
def test_a_request_is_logged_with_its_id_path_and_status_but_no_query(client, caplog):
    # given a search with words in its query string
    with caplog.at_level(logging.INFO, logger="tukiverkko.request"):
        # when it is requested
        response = client.get("/palvelut/", {"q": "masennus"})
    # then one line names method, path, status and duration, and the response carries its id
    (record,) = [r for r in caplog.records if r.name == "tukiverkko.request"]
    assert (record.method, record.path, record.status) == ("GET", "/palvelut/", 200)
    assert record.duration_ms > 0 and record.user_id is None
    assert "masennus" not in caplog.text
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_a_proxys_request_id_is_kept_and_anything_else_replaced(client):
    # given ids offered by a proxy in front: a plain token, and text that is no id
    kept = client.get("/", HTTP_X_REQUEST_ID="lb-7f3a9c21e0d4")
    replaced = client.get("/", HTTP_X_REQUEST_ID="<script>Maija 131052-308T</script>")
    # then the token goes back as it was, the other is replaced by a fresh id
    assert kept["X-Request-ID"] == "lb-7f3a9c21e0d4"
    assert replaced["X-Request-ID"] != "<script>Maija 131052-308T</script>"
    assert len(replaced["X-Request-ID"]) == 32


def test_a_log_line_is_one_json_object_with_the_request_id():
    # given a record logged while a request is being served
    token = logs.request_id.set("abc123def456")
    try:
        record = logging.LogRecord(
            "tukiverkko.x", logging.WARNING, __file__, 1, "saved %s", ("3",), None
        )
        logs.RequestIdFilter().filter(record)
    finally:
        logs.request_id.reset(token)
    # when formatted
    line = logs.json_formatter().format(record)
    # then it is one JSON object with level, logger, message, request id and time
    data = json.loads(line)
    assert "\n" not in line
    assert {k: data[k] for k in ("level", "logger", "message", "request_id")} == {
        "level": "WARNING",
        "logger": "tukiverkko.x",
        "message": "saved 3",
        "request_id": "abc123def456",
    }
    assert data["time"].endswith("+00:00")
