import json

import lagebild
from lagebild import Failure


def test_analyze_returns_contract_objects():
    result = lagebild.analyze("Die Ministerin reiste am Montag nach Tokio. Dort traf sie den Premier.", date="2024-07-15")
    assert result.document.date == "2024-07-15" and result.document.date_source == "metadata"
    assert [s.text for s in result.sentences] == ["Die Ministerin reiste am Montag nach Tokio.",
                                                   "Dort traf sie den Premier."]
    data = json.loads(json.dumps(result.to_dict()))
    assert data["sentences"][1]["tokens"][0]["text"] == "Dort"
    assert "segment" in data["stages"]


def test_analyze_many_streams_and_keeps_going():
    items = ["Erster Text.", {"id": "r2", "text": "Zweiter Text.", "date": "2024-05"}, {"id": "r3", "txt": "?"}]
    out = list(lagebild.analyze_many(items, date="2023-01-01"))
    assert out[0].document.date == "2023-01-01" and out[0].document.date_source == "option"
    assert out[1].id == "r2" and out[1].document.date == "2024-05"
    assert isinstance(out[2], Failure) and out[2].id == "r3" and "no 'text' field" in out[2].reason
