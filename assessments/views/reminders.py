"""A round's reminders (managers only; ADR 0022): the automatic reminder setting, and the
"Remind people who have not answered" button."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms.invitations import ReminderSettingsForm
from assessments.selectors.reminders import last_reminders
from assessments.services.reminders import reminder_problem
from assessments.views.service_forms import done, handle_service_form, service_refusal
from partnership_site.loaders import load_round
from partnership_site.roles import Permission

MANAGE = Permission.MANAGE_PARTNERSHIP


@require_http_methods(["GET", "POST"])
def round_reminders(request: HttpRequest, pk: int) -> HttpResponse:
    """When automatic reminders start, when reminders were last sent, and the button."""
    round_ = load_round(request, pk, permission=MANAGE)
    form = ReminderSettingsForm(
        request.POST or None, initial={"remind_days_before": round_.remind_days_before}
    )
    response = None
    if round_.status != "closed":
        response = handle_service_form(
            request,
            form,
            lambda data: services.set_reminder_days(
                actor=request.user, round_=round_, days=data["remind_days_before"]
            ),
            on_success=lambda _: done(
                request, "The reminder setting has been saved.", "round_reminders", pk=pk
            ),
        )
    return response or render(
        request,
        "assessments/partnerships/round_reminders.html",
        {
            "round": round_,
            "partnership": round_.partnership,
            "form": form,
            "last": last_reminders(round_),
            "problem": reminder_problem(round_, timezone.localdate()),
        },
    )


@require_POST
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """Remind, now, everyone who has not answered (not those already reminded today)."""
    round_ = load_round(request, pk, permission=MANAGE)
    sent = []
    error = service_refusal(
        lambda: sent.append(services.remind_not_answered(actor=request.user, round_=round_))
    )
    if error:
        messages.error(request, error)
    elif sent[0] == 0:
        messages.success(
            request,
            "Nobody needed a reminder: everyone has answered, or has already been reminded today.",
        )
    else:
        people = "1 person" if sent[0] == 1 else f"{sent[0]} people"
        messages.success(request, f"Reminders sent to {people}.")
    back = "round_detail" if request.POST.get("back") == "round" else "round_reminders"
    return redirect(back, pk=pk)
