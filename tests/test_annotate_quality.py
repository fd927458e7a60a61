"""How well the annotator does on the gold set, the four probe sets written blind to the
rules, the development set and the sentence-level challenge set, measured through
``diplograph evaluate``.

The floors are the measured scores (November 2026) less a small margin, so a change
that makes the annotator worse fails here.  They are not the aims of issue #5
(F1 0.85 for MET_WITH, 0.75 for SUPPORTS and REJECTS on the gold set): the closing
note and the README give the distance.  Raise the floors when the scores rise.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from diplograph.cli import main
from tests.conftest import ROOT

FLOORS = {
    # set: {kind: (precision, recall, F1)}
    "gold": {
        "MET_WITH": (0.81, 0.72, 0.76),
        "SUPPORTS": (0.63, 0.61, 0.62),
        "REJECTS": (0.80, 0.33, 0.47),
        "entities": (0.94, 0.90, 0.92),
    },
    # written blind to the rules and kept so: nobody reads its error list
    "annotate-probe4": {
        "MET_WITH": (0.79, 0.53, 0.64),
        "SUPPORTS": (0.69, 0.41, 0.52),
        "REJECTS": (0.27, 0.18, 0.22),
        "entities": (0.86, 0.72, 0.79),
    },
    # written blind to the rules; read after its blind scores (see its README)
    "annotate-probe3": {
        "MET_WITH": (0.87, 0.53, 0.66),
        "SUPPORTS": (0.70, 0.30, 0.43),
        "REJECTS": (0.71, 0.32, 0.44),
        "entities": (0.93, 0.83, 0.88),
    },
    # written blind to the rules; read after its first score (see its README)
    "annotate-probe2": {
        "MET_WITH": (0.95, 0.84, 0.89),
        "SUPPORTS": (0.75, 0.57, 0.65),
        "REJECTS": (0.86, 0.59, 0.70),
        "entities": (0.92, 0.88, 0.90),
    },
    "annotate-dev": {
        "MET_WITH": (0.94, 0.92, 0.93),
        "SUPPORTS": (0.91, 0.71, 0.80),
        "REJECTS": (0.91, 0.73, 0.81),
        "entities": (0.94, 0.86, 0.90),
    },
    # written blind to the rules; read only after its first score (see its README)
    "annotate-probe": {
        "MET_WITH": (0.95, 0.78, 0.86),
        "SUPPORTS": (0.75, 0.54, 0.63),
        "REJECTS": (0.70, 0.48, 0.57),
        "entities": (0.91, 0.81, 0.85),
    },
    # the sentence-level CAMEO challenge set; its negatives keep precision honest
    "annotate-sentences": {
        "MET_WITH": (0.97, 0.96, 0.97),
        "SUPPORTS": (0.95, 0.94, 0.95),
        "REJECTS": (0.97, 0.97, 0.97),
        "entities": (0.95, 0.96, 0.96),
    },
}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_scores_stay_above_their_floors(folder: str, tmp_path: Path) -> None:
    errors = tmp_path / "errors.yaml"
    result = CliRunner().invoke(
        main,
        ["evaluate", str(ROOT / "examples" / folder), "--json", "--errors", str(errors), "-q"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    report = orjson.loads(result.stdout)
    assert report["failures"] == []
    assert report["articles"] >= {
        "gold": 29,
        "annotate-probe": 24,
        "annotate-probe2": 24,
        "annotate-probe3": 24,
        "annotate-probe4": 24,
    }.get(folder, 60)
    for kind, (precision, recall, f1) in FLOORS[folder].items():
        score = report["scores"][kind]
        assert score["precision"] >= precision, (kind, score)
        assert score["recall"] >= recall, (kind, score)
        assert score["f1"] >= f1, (kind, score)
    assert errors.is_file()
