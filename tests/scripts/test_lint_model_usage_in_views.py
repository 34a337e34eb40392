"""The unscoped-model lint: it must pass on today's views and fail on a violation."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "lint_model_usage_in_views.py"


def run(*paths):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, paths)], capture_output=True, text=True
    )


def test_todays_views_are_all_scoped():
    result = run()
    assert result.returncode == 0, result.stdout


def test_unscoped_reads_fail(tmp_path):
    view = tmp_path / "views.py"
    view.write_text(
        "from django.shortcuts import get_object_or_404\n"
        "from assessments.models import Partnership, Round\n\n"
        "def a(request, pk):\n"
        "    return Round.objects.get(pk=pk)\n\n"
        "def b(request, pk):\n"
        "    return get_object_or_404(Partnership, pk=pk)\n\n"
        "def c(request, pk):\n"
        "    return Partnership.objects.visible_to(request.user).get(pk=pk)\n\n"
        "def d(request, pk):\n"
        "    # scoped: a documented exception\n"
        "    return Round.objects.get(pk=pk)\n"
    )
    result = run(view)
    assert result.returncode == 1
    assert "views.py:5: unscoped Round.objects" in result.stdout
    assert "views.py:8: get_object_or_404(Partnership" in result.stdout
    assert len(result.stdout.splitlines()) == 2
