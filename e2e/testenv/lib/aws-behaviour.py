#!/usr/bin/env python3
"""AWS behaviour layer of the test ground: an HTTP proxy in front of moto_server that plays back documented
AWS behaviours moto lacks (docs/TESTING.md, "AWS behaviour on the test ground", cites each rule's source).

Requests and answers are forwarded byte for byte (method, path, headers, body), so SigV4 signatures stay
valid; a rule either answers in moto's place (an AWS error) or rewrites moto's JSON answer (Lambda states).

  python aws-behaviour.py --port P --upstream http://127.0.0.1:MOTO_PORT

Rules and their timing (seconds; environment variables, also settable at run time with POST /_behaviour/config
and restored to these values by POST /moto-api/reset):
  iam-propagation     FINPIPE_AWS_BEHAVIOUR_IAM_SECONDS (2): after CreateRole / PutRolePolicy /
                      AttachRolePolicy / UpdateAssumeRolePolicy of a role, CreateFunction and
                      UpdateFunctionConfiguration naming it answer 400 InvalidParameterValueException
  lambda-pending      FINPIPE_AWS_BEHAVIOUR_LAMBDA_PENDING_SECONDS (1): CreateFunction's answer and, after it,
                      GetFunction / GetFunctionConfiguration say State Pending
  lambda-in-progress  FINPIPE_AWS_BEHAVIOUR_LAMBDA_UPDATE_SECONDS (1): the answer of UpdateFunctionCode /
                      UpdateFunctionConfiguration and, after it, the reads say LastUpdateStatus InProgress
  lambda-conflict     (same windows): UpdateFunctionCode / UpdateFunctionConfiguration / PublishVersion of a
                      Pending or InProgress function answer 409 ResourceConflictException
  s3-destination      FINPIPE_AWS_BEHAVIOUR_S3_DESTINATION_SECONDS (1): PutBucketNotificationConfiguration
                      naming a function answers 400 InvalidArgument until that function's AddPermission for
                      s3.amazonaws.com is that old
  apigateway-quota    FINPIPE_AWS_BEHAVIOUR_APIGW_SCALE (1 = AWS's quotas; 10 = ten times faster; 0 = none):
                      API Gateway control-plane quotas per account, 429 TooManyRequestsException
  request-validation  FINPIPE_AWS_BEHAVIOUR_VALIDATION (1 = on, 0 = off): a request that breaks its operation's
                      constraints in the service model (length, range, enum, pattern) answers the service's
                      400 validation error (lib/request_validation.py)

GET /_behaviour/stats answers {"rule": answers injected, ...} (cumulative since start, across resets).
GET /_behaviour/config answers the timing in force.
"""
import argparse
import http.client
import json
import os
import re
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from request_validation import Validator, Violation
import iam_enforcement  # IAM enforcement: lib/iam_enforcement.py, docs/IAM-ENFORCEMENT.md

RULES = ("iam-propagation", "lambda-pending", "lambda-in-progress", "lambda-conflict", "s3-destination",
         "apigateway-quota", "request-validation")
ENV = {"iam_seconds": ("FINPIPE_AWS_BEHAVIOUR_IAM_SECONDS", 2.0),
       "lambda_pending_seconds": ("FINPIPE_AWS_BEHAVIOUR_LAMBDA_PENDING_SECONDS", 1.0),
       "lambda_update_seconds": ("FINPIPE_AWS_BEHAVIOUR_LAMBDA_UPDATE_SECONDS", 1.0),
       "s3_destination_seconds": ("FINPIPE_AWS_BEHAVIOUR_S3_DESTINATION_SECONDS", 1.0),
       "apigateway_scale": ("FINPIPE_AWS_BEHAVIOUR_APIGW_SCALE", 1.0),
       "validation": ("FINPIPE_AWS_BEHAVIOUR_VALIDATION", 1.0)}
# IAM enforcement: denials counted under "iam-enforcement", allowed requests of enforced principals under
# "iam-enforcement-allowed"; FINPIPE_AWS_BEHAVIOUR_IAM_ENFORCEMENT=0 turns it off.
RULES += ("iam-enforcement", "iam-enforcement-allowed")
ENV["iam_enforcement"] = ("FINPIPE_AWS_BEHAVIOUR_IAM_ENFORCEMENT", 1.0)
# API Gateway control-plane quotas per account: (requests, per seconds, burst).
APIGW_QUOTAS = {"CreateRestApi": (1, 3, 1), "CreateDeployment": (1, 5, 1), "DeleteRestApi": (1, 30, 1),
                "GetResources": (5, 2, 5)}
APIGW_OTHERS = (10, 1, 40)
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"}
LAMBDA_PATH = re.compile(r"^/(\d{4}-\d{2}-\d{2})/functions(?:/([^/?]+))?(/[^?]*)?$")
APIGW_PATH = re.compile(r"^/restapis(?:/([^/]+))?(?:/([^/]+))?(?:/([^/]+))?")


# TagResource/UntagResource/GetTags of a REST API (not of its stages): /tags/arn:...:apigateway:<region>::/restapis/<id>
RESTAPI_TAGS_PATH = re.compile(r"^/tags/arn(?::|%3A)aws[-a-z]*(?::|%3A)apigateway(?::|%3A)[a-z0-9-]+(?::|%3A){2}"
                               r"(?:/|%2F)restapis(?:/|%2F)([A-Za-z0-9]+)$", re.IGNORECASE)
# GetRestApis and GetRestApi, whose answers carry the tags
RESTAPI_PATH = re.compile(r"^/restapis(?:/[A-Za-z0-9]+)?/?$")


def default_config():
    return {key: float(os.environ.get(var, default)) for key, (var, default) in ENV.items()}


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.stats = {rule: 0 for rule in RULES}
        self.reset()

    def reset(self):
        with self.lock:
            self.config = default_config()
            self.role_changed = {}  # role name -> monotonic time of its last change
            self.created = {}  # function name -> time of CreateFunction
            self.updated = {}  # function name -> time of the last code/configuration update
            self.s3_permission = {}  # function name -> time of AddPermission for s3.amazonaws.com
            self.assume_refused = set()  # (function, role) already answered "cannot be assumed"
            self.buckets = {}  # (account, operation) -> [tokens, last refill]
            self.restapi_tags = {}  # (account, REST API id) -> {key: value, or None once removed}

    def count(self, rule):
        with self.lock:
            self.stats[rule] += 1


STATE = State()
VALIDATOR = Validator()
IAM = iam_enforcement.Enforcer(lambda: Handler.upstream)  # IAM enforcement


def function_name(raw):
    """A function name, partial or full ARN, with or without a qualifier, as the bare name."""
    name = urllib.parse.unquote(raw)
    if ":function:" in name:
        name = name.split(":function:", 1)[1]
    elif name.count(":") == 1:  # 123456789012:function-name
        name = name.split(":", 1)[1]
    return name.split(":", 1)[0]


def role_name(arn):
    return (arn or "").rsplit("/", 1)[-1]


def escaped(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def account_of(headers):
    auth = headers.get("Authorization", "")
    m = re.search(r"Credential=([^/,\s]+)/", auth)
    return m.group(1) if m else "anonymous"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # An answer is written as headers, then body: with Nagle's algorithm on, the body waits for the client's
    # delayed ACK of the headers (~40 ms a request on Linux). TCP_NODELAY sends it at once.
    disable_nagle_algorithm = True
    upstream = None  # (host, port)

    def log_message(self, fmt, *args):  # quiet: one line per request would flood the log
        pass

    # --- plumbing --------------------------------------------------------------------------------------
    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            return self.rfile.read(length)
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        return b""

    def _upstream(self):
        conn = getattr(self, "_conn", None)
        if conn is None:
            conn = self._conn = http.client.HTTPConnection(*self.upstream, timeout=300)
        return conn

    def _forward(self, body):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            headers["Content-Length"] = str(len(body))
        for attempt in (1, 2):
            conn = self._upstream()
            try:
                conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for k, v in headers.items():
                    conn.putheader(k, v)
                conn.endheaders(body if body or self.command in ("POST", "PUT", "PATCH") else None)
                response = conn.getresponse()
                return response.status, response.reason, response.getheaders(), response.read()
            except (http.client.HTTPException, ConnectionError, OSError):
                conn.close()
                self._conn = None
                if attempt == 2:
                    raise

    def _send(self, status, headers, body, reason=None):
        self.send_response(status, reason)
        length = str(len(body))
        for k, v in headers:
            if k.lower() == "content-length" and self.command == "HEAD":
                length = v  # the size of what a GET would answer (S3 HeadObject)
            elif k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                self.send_header(k, v)
        self.send_header("Content-Length", length)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json_error(self, rule, status, code, message, typed=False):
        STATE.count(rule)
        document = {"Type": "User", "message": message, "Message": message}
        if typed:  # the JSON protocol (awsJson1_0 / 1_1) names the error in the body too
            document["__type"] = code
        body = json.dumps(document).encode()
        self._send(status, [("Content-Type", "application/json"), ("x-amzn-ErrorType", code),
                            ("x-amzn-RequestId", str(uuid.uuid4()))], body)

    def _xml_error(self, rule, status, code, message):
        STATE.count(rule)
        request_id = uuid.uuid4().hex[:16].upper()
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{escaped(message)}</Message>'
                f"<RequestId>{request_id}</RequestId><HostId>finpipe-aws-behaviour</HostId></Error>").encode()
        self._send(status, [("Content-Type", "application/xml"), ("x-amz-request-id", request_id)], body)

    def _query_error(self, rule, code, message, sender=True, xmlns=""):
        """The query protocol's error document (IAM, STS); with sender=False S3's <Error> document."""
        if not sender:
            return self._xml_error(rule, 400, code, message)
        STATE.count(rule)
        request_id = str(uuid.uuid4())
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="{xmlns}"><Error><Type>Sender</Type>'
                f"<Code>{code}</Code><Message>{escaped(message)}</Message></Error>"
                f"<RequestId>{request_id}</RequestId></ErrorResponse>").encode()
        self._send(400, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body)

    def do_GET(self):
        self._handle()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    # --- routing ---------------------------------------------------------------------------------------
    def _handle(self):
        body = self._body()
        path, _, query = self.path.partition("?")
        if path.startswith("/_behaviour/"):
            return self._control(path, body)
        if path == "/moto-api/reset" and self.command == "POST":
            answer = self._forward(body)
            STATE.reset()
            return self._send(answer[0], answer[2], answer[3], answer[1])
        # --- IAM enforcement (lib/iam_enforcement.py): an enforced principal's request may be denied here ---
        verdict = IAM.check(self.command, self.path, self.headers, body) if STATE.config["iam_enforcement"] else None
        if verdict is not None:
            STATE.count("iam-enforcement-allowed" if verdict.allowed else "iam-enforcement")
            if not verdict.allowed:
                return self._send(*verdict.answer)
        if STATE.config["validation"] and self._invalid(path, query, body):
            return
        now = time.monotonic()
        target = self.headers.get("X-Amz-Target") or ""
        lam = LAMBDA_PATH.match(path) if not target else None
        if lam:
            return self._lambda(lam, body, now)
        if path.startswith("/restapis") and self._apigateway(path, now):
            return
        if self._restapi_tags(path, query, body):
            return
        if self.command == "PUT" and re.search(r"(^|&)notification(=|&|$)", query) and path.count("/") == 1:
            if self._s3_notification(body, now):
                return
        answer = self._forward(body)
        if self.command == "POST" and answer[0] < 300 and "x-www-form-urlencoded" in (
                self.headers.get("Content-Type") or "") and not target:
            self._iam(body, now)
        self._send(answer[0], answer[2], answer[3], answer[1])

    def _control(self, path, body):
        if path == "/_behaviour/stats":
            with STATE.lock:
                payload = dict(STATE.stats)
        elif path == "/_behaviour/config":
            with STATE.lock:
                if self.command == "POST" and body:
                    for key, value in json.loads(body).items():
                        if key not in STATE.config:
                            return self._send(400, [("Content-Type", "text/plain")], f"unknown {key}".encode())
                        STATE.config[key] = float(value)
                payload = dict(STATE.config)
        else:
            return self._send(404, [("Content-Type", "text/plain")], b"not found")
        self._send(200, [("Content-Type", "application/json")], json.dumps(payload).encode())

    # --- request validation --------------------------------------------------------------------------
    def _invalid(self, path, query, body):
        try:
            VALIDATOR.check(self.command, path, query, self.headers, body)
            return False
        except Violation as v:
            if v.protocol in ("query", "rest-xml"):
                self._query_error("request-validation", v.code, v.message, sender=v.protocol == "query",
                                  xmlns=v.xmlns)
            elif v.protocol == "json":
                self._json_error("request-validation", 400, v.code, v.message, typed=True)
            else:
                self._json_error("request-validation", 400, v.code, v.message)
            return True
        except Exception as e:  # a request the validator cannot read is AWS's to judge, here moto's
            print(f"request-validation skipped {self.command} {path}: {e!r}", flush=True)
            return False

    # --- IAM: remember when a role changed -------------------------------------------------------------
    def _iam(self, body, now):
        params = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        action = (params.get("Action") or [""])[0]
        if action in ("CreateRole", "PutRolePolicy", "AttachRolePolicy", "UpdateAssumeRolePolicy"):
            role = (params.get("RoleName") or [""])[0]
            if role:
                with STATE.lock:
                    STATE.role_changed[role] = now

    # --- Lambda ----------------------------------------------------------------------------------------
    def _lambda(self, match, body, now):
        name = function_name(match.group(2)) if match.group(2) else None
        rest = match.group(3) or ""
        cfg = STATE.config
        request = {}
        if body and self.command in ("POST", "PUT"):
            try:
                request = json.loads(body)
            except ValueError:
                request = {}
        create = self.command == "POST" and name is None
        update_config = self.command == "PUT" and rest == "/configuration"
        update_code = self.command == "PUT" and rest == "/code"
        publish = self.command == "POST" and rest == "/versions"
        if create:
            name = function_name(request.get("FunctionName", ""))
        if (update_config or update_code or publish) and self._busy(name, now):
            arn = f"arn:aws:lambda:{self._region()}:{self._account_id()}:function:{name}"
            return self._json_error("lambda-conflict", 409, "ResourceConflictException",
                                    "The operation cannot be performed at this time. An update is in progress "
                                    f"for resource: {arn}")
        if (create or update_config) and request.get("Role") and self._iam_refusal(name, request, now):
            return
        answer = self._forward(body)
        status, reason, headers, payload = answer
        if status < 300:
            with STATE.lock:
                if create:
                    STATE.created[name] = now
                    STATE.assume_refused = {k for k in STATE.assume_refused if k[0] != name}
                elif update_config or update_code:
                    STATE.updated[name] = now
                elif self.command == "DELETE" and rest == "":
                    for table in (STATE.created, STATE.updated, STATE.s3_permission):
                        table.pop(name, None)
                elif self.command == "POST" and rest == "/policy" and request.get("Principal") == "s3.amazonaws.com":
                    STATE.s3_permission[name] = now
                elif self.command == "DELETE" and rest.startswith("/policy/"):
                    STATE.s3_permission.pop(name, None)
            if self.command == "GET" and rest in ("", "/configuration") and name:
                payload = self._rewrite_state(name, rest == "", payload, now)
            elif create or update_config or update_code:  # AWS answers these with the state they start
                payload = self._rewrite_state(name, False, payload, now)
        self._send(status, headers, payload, reason)

    def _busy(self, name, now):
        with STATE.lock:
            return (now - STATE.created.get(name, -1e9) < STATE.config["lambda_pending_seconds"]
                    or now - STATE.updated.get(name, -1e9) < STATE.config["lambda_update_seconds"])

    def _iam_refusal(self, name, request, now):
        role = role_name(request["Role"])
        with STATE.lock:
            young = now - STATE.role_changed.get(role, -1e9) < STATE.config["iam_seconds"]
            if not young:
                return False
            second = (name, role) in STATE.assume_refused
            STATE.assume_refused.add((name, role))
        if second and (request.get("DeadLetterConfig") or {}).get("TargetArn"):
            message = ("The provided execution role does not have permissions to call SendMessage on SQS")
        else:
            message = "The role defined for the function cannot be assumed by Lambda."
        self._json_error("iam-propagation", 400, "InvalidParameterValueException", message)
        return True

    def _rewrite_state(self, name, wrapped, payload, now):
        with STATE.lock:
            pending = now - STATE.created.get(name, -1e9) < STATE.config["lambda_pending_seconds"]
            updating = now - STATE.updated.get(name, -1e9) < STATE.config["lambda_update_seconds"]
        if not (pending or updating):
            return payload
        try:
            document = json.loads(payload)
        except ValueError:
            return payload
        config = document.get("Configuration") if wrapped else document
        if not isinstance(config, dict):
            return payload
        if pending:
            config.update(State="Pending", StateReason="The function is being created.",
                          StateReasonCode="Creating")
            STATE.count("lambda-pending")
        else:
            config.update(LastUpdateStatus="InProgress", LastUpdateStatusReason="The function is being updated.",
                          LastUpdateStatusReasonCode="InProgress")
            STATE.count("lambda-in-progress")
        return json.dumps(document).encode()

    def _region(self):
        m = re.search(r"Credential=[^/]+/\d+/([^/]+)/", self.headers.get("Authorization", ""))
        return m.group(1) if m else "us-east-1"

    def _account_id(self):
        return os.environ.get("MOTO_ACCOUNT_ID", "123456789012")

    # --- S3 --------------------------------------------------------------------------------------------
    def _s3_notification(self, body, now):
        functions = re.findall(r"<CloudFunction>\s*([^<\s]+)\s*</CloudFunction>", body.decode("utf-8", "replace"))
        if not functions:
            return False
        with STATE.lock:
            limit = STATE.config["s3_destination_seconds"]
            unvalidated = [f for f in functions
                           if function_name(f) in STATE.s3_permission
                           and now - STATE.s3_permission[function_name(f)] < limit]
        if not unvalidated:
            return False
        self._xml_error("s3-destination", 400, "InvalidArgument",
                        "Unable to validate the following destination configurations")
        return True

    # --- API Gateway REST API tags ----------------------------------------------------------------------
    # moto 5.2.5 keeps a REST API's tags from CreateRestApi but answers 404 to TagResource, UntagResource and
    # GetTags on its ARN (it only tags stages). API Gateway tags a REST API after its creation like any resource
    # ("TagResource", https://docs.aws.amazon.com/apigateway/latest/api/API_TagResource.html; "UntagResource",
    # https://docs.aws.amazon.com/apigateway/latest/api/API_UntagResource.html; "GetTags",
    # https://docs.aws.amazon.com/apigateway/latest/api/API_GetTags.html): the layer keeps the changes made after
    # creation and shows them in GetRestApi, GetRestApis and GetTags.
    def _restapi_tags(self, path, query, body):
        tags_of = RESTAPI_TAGS_PATH.match(path)
        lists_apis = self.command == "GET" and RESTAPI_PATH.match(path)
        if not tags_of and not lists_apis:
            return False
        account = account_of(self.headers)
        if lists_apis:
            status, reason, headers, payload = self._forward(body)
            if status == 200:
                document = json.loads(payload or b"{}")
                for api in document.get("item", [document]):
                    if "id" in api:
                        api["tags"] = self._merged_tags(account, api["id"], api.get("tags") or {})
                payload = json.dumps(document).encode()
            self._send(status, headers, payload, reason)
            return True
        api_id = tags_of.group(1)
        status, reason, headers, payload = self._forward_to("GET", f"/restapis/{api_id}")
        if status != 200:
            self._send(status, headers, payload, reason)
            return True
        created = json.loads(payload or b"{}").get("tags") or {}
        with STATE.lock:
            overlay = STATE.restapi_tags.setdefault((account, api_id), {})
            if self.command == "PUT":
                overlay.update(json.loads(body or b"{}").get("tags") or {})
            elif self.command == "DELETE":
                for key in urllib.parse.parse_qs(query).get("tagKeys", []):
                    overlay[key] = None
        if self.command in ("PUT", "DELETE"):
            self._send(204, [("x-amzn-RequestId", str(uuid.uuid4()))], b"")
        else:
            self._send(200, [("Content-Type", "application/json"), ("x-amzn-RequestId", str(uuid.uuid4()))],
                       json.dumps({"tags": self._merged_tags(account, api_id, created)}).encode())
        return True

    @staticmethod
    def _merged_tags(account, api_id, created):
        with STATE.lock:
            overlay = dict(STATE.restapi_tags.get((account, api_id), {}))
        merged = dict(created)
        for key, value in overlay.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        return merged

    def _forward_to(self, method, path):
        """A read of the emulator's own, with the request's credentials (the same account)."""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP
                   and k.lower() not in ("content-length", "content-type", "transfer-encoding")}
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            conn.request(method, path, headers=headers)
            response = conn.getresponse()
            return response.status, response.reason, response.getheaders(), response.read()
        finally:
            conn.close()

    # --- API Gateway -----------------------------------------------------------------------------------
    def _apigateway(self, path, now):
        m = APIGW_PATH.match(path)
        parts = [p for p in m.groups() if p] if m else []
        method = self.command
        if not parts:
            operation = {"POST": "CreateRestApi", "GET": "GetRestApis"}.get(method, "RestApis")
        elif len(parts) == 1:
            operation = {"DELETE": "DeleteRestApi", "GET": "GetRestApi"}.get(method, "RestApi")
        elif parts[1] == "deployments" and method == "POST":
            operation = "CreateDeployment"
        elif parts[1] == "resources" and method == "GET" and len(parts) == 2:
            operation = "GetResources"
        else:
            operation = "Other"
        with STATE.lock:
            scale = STATE.config["apigateway_scale"]
            if scale <= 0:
                return False
            count, per, burst = APIGW_QUOTAS.get(operation, APIGW_OTHERS)
            bucket_key = (account_of(self.headers), operation if operation in APIGW_QUOTAS else "*")
            rate = count / per * scale
            tokens, last = STATE.buckets.get(bucket_key, (float(burst), now))
            tokens = min(float(burst), tokens + (now - last) * rate)
            allowed = tokens >= 1
            STATE.buckets[bucket_key] = (tokens - 1 if allowed else tokens, now)
        if allowed:
            return False
        self._json_error("apigateway-quota", 429, "TooManyRequestsException", "Too Many Requests")
        return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True, help="moto_server's URL, e.g. http://127.0.0.1:5000")
    args = parser.parse_args()
    upstream = urllib.parse.urlparse(args.upstream)
    Handler.upstream = (upstream.hostname, upstream.port or 80)
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.daemon_threads = True
    print(f"aws-behaviour on {args.host}:{args.port} -> {args.upstream}; config {STATE.config}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
