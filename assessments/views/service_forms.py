"""Running a service from a view: one place for the try/except/else every form page needs.

Services raise ``assessments.errors.ServiceError`` (a ``ValidationError``) when they refuse;
these helpers show that refusal on the page instead of a crash, and never lose what the
person typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from assessments.errors import field_messages


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field where the form has one, otherwise
    above the form."""
    for field, errors in field_messages(error).items():
        form.add_error(field if field in form.fields else None, errors)


def handle_service_form(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    *,
    on_success: Callable[[Any], HttpResponse],
    on_error: Callable[[], None] | None = None,
) -> HttpResponse | None:
    """For a valid POST of ``form``, call ``action(form.cleaned_data)`` (the service).

    Returns ``on_success(result)`` (usually a redirect) if the service accepted it; None if
    the request is a GET, the form is invalid or the service refused (its errors are then on
    the form, and ``on_error`` has run, for example to reload a rejected name)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        if on_error is not None:
            on_error()
        return None
    return on_success(result)


def service_refusal(action: Callable[[], Any]) -> str:
    """Call a service that takes no form (a confirm page); "" if it succeeded, else its
    refusal as one sentence for the page."""
    try:
        action()
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def done(request: HttpRequest, message: str, to: str, **kwargs) -> HttpResponse:
    """Flash ``message`` and redirect to the URL named ``to``."""
    messages.success(request, message)
    return redirect(to, **kwargs)
