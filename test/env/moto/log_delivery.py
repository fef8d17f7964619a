"""cognito-idp log delivery (user pool logs), which moto lacks.

Named log_delivery, not logging: server.py puts this folder first on sys.path, where a
``logging.py`` would hide Python's own logging module from moto and werkzeug.

Adds ``SetLogDeliveryConfiguration`` and ``GetLogDeliveryConfiguration`` as the Amazon Cognito
API reference describes them:

* The request's LogConfigurations replace the pool's (at most 2; an empty list removes all).
* Each LogConfigurationType needs EventSource (``userNotification`` | ``userAuthEvents``) and
  LogLevel (``ERROR`` | ``INFO``). ``userNotification`` sends ERROR to a CloudWatch Logs group;
  ``userAuthEvents`` sends INFO to one of CloudWatch Logs, S3 or Data Firehose, and only in
  pools of the PLUS feature plan (FeatureUnavailableInTierException). One destination per
  entry, one entry per event source, each ARN of its service (InvalidParameterException).
* GetLogDeliveryConfiguration of a pool without one answers an empty list.

State lives on moto's pool object (``log_configurations``), so ``POST /moto-api/reset`` and
DeleteUserPool clear it. Call ``register()`` once before the server starts (idempotent).
"""

from __future__ import annotations

import re
from typing import Any

from moto.cognitoidp.exceptions import InvalidParameterException as IdpInvalidParameter
from moto.cognitoidp.models import CognitoIdpBackend, CognitoIdpUserPool
from moto.cognitoidp.responses import CognitoIdpResponse
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult

from cognito_extensions import _constraint_message

MAX_CONFIGURATIONS = 2
EVENT_SOURCES = ("userNotification", "userAuthEvents")
LOG_LEVELS = ("ERROR", "INFO")
# Destination member → (its ARN field, the service its ARN must name).
DESTINATIONS = {
    "CloudWatchLogsConfiguration": ("LogGroupArn", "logs"),
    "S3Configuration": ("BucketArn", "s3"),
    "FirehoseConfiguration": ("StreamArn", "firehose"),
}
ARN = re.compile(r"arn:[\w+=/,.@-]+:(?P<service>[\w+=/,.@-]+):[\w+=/,.@-]*:[0-9]*:[\w+=,.@/:*-]+")

_registered = False


class FeatureUnavailableInTier(JsonRESTError):
    def __init__(self, message: str):
        super().__init__("FeatureUnavailableInTierException", message)


def _constraint(value: Any, field: str, constraint: str) -> IdpInvalidParameter:
    return IdpInvalidParameter(_constraint_message(value, field, constraint))


def _check_entry(pool: CognitoIdpUserPool, i: int, entry: dict[str, Any]) -> None:
    field = f"logConfigurations.{i + 1}.member"
    source = entry.get("EventSource")
    level = entry.get("LogLevel")
    if source not in EVENT_SOURCES:
        raise _constraint(source, f"{field}.eventSource", f"Member must satisfy enum value set: [{', '.join(EVENT_SOURCES)}]")
    if level not in LOG_LEVELS:
        raise _constraint(level, f"{field}.logLevel", f"Member must satisfy enum value set: [{', '.join(LOG_LEVELS)}]")
    given = [name for name in DESTINATIONS if entry.get(name) is not None]
    if len(given) != 1:
        raise IdpInvalidParameter(f"A log configuration for {source} needs exactly one destination; it has {len(given)}.")
    destination = given[0]
    arn_field, service = DESTINATIONS[destination]
    arn = (entry.get(destination) or {}).get(arn_field)
    match = ARN.fullmatch(arn or "")
    if not match or match["service"] != service:
        raise IdpInvalidParameter(f"{destination}.{arn_field} must be an ARN of {service}: {arn}")
    if source == "userNotification" and (level != "ERROR" or destination != "CloudWatchLogsConfiguration"):
        raise IdpInvalidParameter("userNotification logs are sent at level ERROR to a CloudWatch Logs group only.")
    if source == "userAuthEvents":
        if level != "INFO":
            raise IdpInvalidParameter("userAuthEvents logs are sent at level INFO only.")
        if pool.extended_config.get("UserPoolTier") != "PLUS":
            raise FeatureUnavailableInTier("Exporting user activity logs (userAuthEvents) requires the Plus feature plan.")


def set_log_delivery_configuration(self: CognitoIdpBackend, user_pool_id: str, entries: Any) -> dict[str, Any]:
    pool = self.describe_user_pool(user_pool_id)
    if entries is None:
        raise _constraint(None, "logConfigurations", "Member must not be null")
    if len(entries) > MAX_CONFIGURATIONS:
        raise _constraint(entries, "logConfigurations", f"Member must have length less than or equal to {MAX_CONFIGURATIONS}")
    for i, entry in enumerate(entries):
        _check_entry(pool, i, entry)
    sources = [e["EventSource"] for e in entries]
    if len(set(sources)) != len(sources):
        raise IdpInvalidParameter("Each event source can have one log configuration.")
    pool.log_configurations = [dict(e) for e in entries]  # type: ignore[attr-defined]
    return get_log_delivery_configuration(self, user_pool_id)


def get_log_delivery_configuration(self: CognitoIdpBackend, user_pool_id: str) -> dict[str, Any]:
    pool = self.describe_user_pool(user_pool_id)
    return {"UserPoolId": user_pool_id, "LogConfigurations": list(getattr(pool, "log_configurations", []))}


def set_log_delivery_configuration_response(self: CognitoIdpResponse) -> ActionResult:
    answer = self.backend.set_log_delivery_configuration(self._get_param("UserPoolId"), self._get_param("LogConfigurations"))
    return ActionResult({"LogDeliveryConfiguration": answer})


def get_log_delivery_configuration_response(self: CognitoIdpResponse) -> ActionResult:
    answer = self.backend.get_log_delivery_configuration(self._get_param("UserPoolId"))
    return ActionResult({"LogDeliveryConfiguration": answer})


def register() -> None:
    """Attach the operations to moto's classes. Safe to call more than once."""
    global _registered
    if _registered:
        return
    _registered = True
    CognitoIdpBackend.set_log_delivery_configuration = set_log_delivery_configuration  # type: ignore[attr-defined]
    CognitoIdpBackend.get_log_delivery_configuration = get_log_delivery_configuration  # type: ignore[attr-defined]
    CognitoIdpResponse.set_log_delivery_configuration = set_log_delivery_configuration_response  # type: ignore[attr-defined]
    CognitoIdpResponse.get_log_delivery_configuration = get_log_delivery_configuration_response  # type: ignore[attr-defined]
