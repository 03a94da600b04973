"""The HTML report shows who talks to whom beside the feeling graph, escaped."""
from __future__ import annotations

from heartline.report.html import conversation_table


def test_conversation_table_names_counts_and_escaped_quotes() -> None:
    analysis = {"characters": [{"id": "ann", "name": "Ann <B>"}, {"id": "tom", "name": "Tom"}],
                "quotes": [{"text": "Hi <script>", "speaker": "tom"}],
                "conversations": [{"from": "tom", "to": "ann", "count": 1, "quotes": [0]}]}
    html = conversation_table(analysis)
    assert "<td>Tom</td><td>Ann &lt;B&gt;</td>" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "No quote" in conversation_table({"characters": [], "quotes": [], "conversations": []})
