"""Workflow definitions (as data) and the engine that applies them."""

from workflows.definition import CASE_WORKFLOW, Action, Actor, CaseState, Role, Workflow
from workflows.engine import (
    GuardRefused,
    IllegalTransition,
    RoleNotAllowed,
    StaleVersion,
    Transition,
    UnknownAction,
    WorkflowEngine,
    WorkflowError,
    WorkflowStore,
)

__all__ = [
    "CASE_WORKFLOW", "Action", "Actor", "CaseState", "GuardRefused", "IllegalTransition",
    "Role", "RoleNotAllowed", "StaleVersion", "Transition", "UnknownAction", "Workflow",
    "WorkflowEngine", "WorkflowError", "WorkflowStore",
]
