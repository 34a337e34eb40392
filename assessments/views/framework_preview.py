"""Preview: a framework version exactly as respondents see it (the questionnaire's own
section template and form), for staff only. Nothing is saved: Save buttons move on.

It lives in assessments, not frameworks, because it shows the questionnaire's form: the
frameworks app never imports assessments (see docs/adr/0020)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from assessments.forms.questionnaire import SectionForm
from frameworks.models import Dimension, Framework
from frameworks.selectors import framework_sections
from partnership_site.permissions import has_permission
from partnership_site.roles import Permission


def _framework(request, pk: int) -> tuple[Framework, list[Dimension]]:
    if not has_permission(request.user, Permission.EDIT_FRAMEWORKS):
        raise PermissionDenied("Only framework library admins can preview frameworks.")
    # scoped: framework versions are site-wide content; the staff check above is the scope.
    framework = get_object_or_404(Framework.objects.all(), pk=pk)
    return framework, framework_sections(framework)


def _context(framework: Framework, sections: list[Dimension], **extra) -> dict:
    return {
        "framework": framework,
        "sections": sections,
        "total": len(sections),
        "preview": True,
        "admin_url": reverse("admin:frameworks_framework_change", args=[framework.pk]),
        **extra,
    }


@never_cache
def preview(request, pk: int):
    """The framework's start: its title, summary and sections."""
    framework, sections = _framework(request, pk)
    return render(request, "frameworks/preview_start.html", _context(framework, sections))


@never_cache
def preview_section(request, pk: int, number: int):
    """One section as the questionnaire shows it. Posting (either Save button) saves nothing
    and moves on, as a respondent would."""
    framework, sections = _framework(request, pk)
    if not 1 <= number <= len(sections):
        raise Http404("No such section.")
    if request.method == "POST":
        if "later" in request.POST or number == len(sections):
            return redirect("framework_preview_end", pk)
        return redirect("framework_preview_section", pk, number + 1)
    dimension = sections[number - 1]
    form = SectionForm(framework=framework, items=list(dimension.items.all()), answers={})
    back_url = (
        reverse("framework_preview_section", args=[pk, number - 1])
        if number > 1
        else reverse("framework_preview", args=[pk])
    )
    return render(
        request,
        "frameworks/preview_section.html",
        _context(
            framework,
            sections,
            form=form,
            dimension=dimension,
            number=number,
            back_url=back_url,
            resume_url=None,
        ),
    )


@never_cache
def preview_end(request, pk: int):
    framework, sections = _framework(request, pk)
    return render(request, "frameworks/preview_end.html", _context(framework, sections))
