"""The confirmation page every destructive action shows first (GET), before it is done
by the same address (POST)."""

from __future__ import annotations

from flask import render_template, request


def confirm_page(question: str, effects: list[str], button: str, cancel: str,
                 hidden: dict[str, str] | None = None):
    """What will happen, a warning button that posts back to this address, and Cancel."""
    return render_template("prep/confirm.html", question=question, effects=effects,
                           button=button, cancel=cancel, action=request.path, hidden=hidden)
