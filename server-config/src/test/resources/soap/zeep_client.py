"""A SOAP client nobody at OpsSight wrote: python3-zeep reads the published WSDL and calls every
operation of DeliveryService v1. Run by ZeepClientIT as
    /usr/bin/python3 zeep_client.py BASE_URL WRITER_TOKEN READER_TOKEN SERVICE
and prints one line "RESULT <json>" with what it saw (the test asserts it)."""
import datetime
import json
import sys

import requests
from zeep import Client, Settings
from zeep.exceptions import Fault, TransportError
from zeep.transports import Transport

NS = "{urn:opssight:soap:v1}"
base, writer, reader, service = sys.argv[1:5]
wsdl = base + "/soap/v1/DeliveryService?wsdl"


def client(token):
    session = requests.Session()
    if token:
        session.headers["Authorization"] = "Bearer " + token
    return Client(wsdl, transport=Transport(session=session, timeout=30), settings=Settings(strict=True))


def fault(call):
    """Calls and returns the fault's code and message, or the transport status."""
    try:
        call()
        return {"fault": None}
    except Fault as f:
        code = None
        if f.detail is not None:
            found = f.detail.find(NS + "fault/" + NS + "code")
            code = found.text if found is not None else None
        return {"fault": code, "message": f.message}
    except TransportError as e:
        return {"fault": "HTTP %s" % e.status_code, "message": str(e)}


def utc(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


result = {}
w = client(writer)
result["operations"] = sorted(w.service._binding._operations.keys())

recorded = w.service.recordDeployment(deployment={
    "service": service, "environment": "production", "version": "zeep-1",
    "createdAt": utc("2026-07-01T08:00:00Z"), "finishedAt": utc("2026-07-01T08:05:00Z")})
result["recordDeployment"] = {"outcome": recorded.outcome, "id": recorded.deployment.id,
                              "durationSeconds": recorded.deployment.durationSeconds}
w.service.recordDeployment(deployment={
    "service": service, "environment": "production", "version": "zeep-2",
    "createdAt": utc("2026-07-02T08:00:00Z"), "finishedAt": utc("2026-07-02T08:05:00Z")})

incident = w.service.recordIncident(incident={
    "title": "zeep says hello", "service": service, "openedAt": utc("2026-07-02T09:00:00Z"),
    "causedByDeploymentId": recorded.deployment.id})
result["recordIncident"] = {"outcome": incident.outcome, "id": incident.incident.id,
                            "status": incident.incident.status,
                            "causedByDeploymentId": incident.incident.causedByDeploymentId}
resolved = w.service.resolveIncident(resolution={"incidentId": incident.incident.id,
                                                 "resolvedAt": utc("2026-07-02T10:00:00Z")})
result["resolveIncident"] = {"status": resolved.incident.status,
                             "timeToRestoreSeconds": resolved.incident.timeToRestoreSeconds}

r = client(reader)
page = r.service.queryDeployments(filter={"service": service, "limit": 1})
second = r.service.queryDeployments(filter={"service": service, "limit": 1, "cursor": page.nextCursor})
result["queryDeployments"] = {"first": [d.version for d in page.deployment], "hasCursor": page.nextCursor is not None,
                              "second": [d.version for d in second.deployment],
                              "secondCursor": second.nextCursor}

figures = r.service.getDoraFigures(filter={"service": service, "from": utc("2026-07-01T00:00:00Z"),
                                           "to": utc("2026-07-08T00:00:00Z")})
result["getDoraFigures"] = {"deployments": figures.deploymentFrequency.deployments,
                            "failedDeployments": figures.changeFailureRate.failedDeployments,
                            "benchmark": figures.benchmark}

result["missingService"] = fault(lambda: w.service.recordDeployment(deployment={"service": "", "environment": "production"}))
result["badWindow"] = fault(lambda: r.service.queryDeployments(filter={"from": utc("2026-02-01T00:00:00Z"),
                                                                       "to": utc("2026-01-01T00:00:00Z")}))
result["unknownTeam"] = fault(lambda: r.service.getDoraFigures(filter={"team": "no-such-team-zeep"}))
result["forbidden"] = fault(lambda: r.service.recordIncident(incident={"title": "not allowed"}))
result["anonymous"] = fault(lambda: client(None).service.queryDeployments(filter={}))

print("RESULT " + json.dumps(result, sort_keys=True))
