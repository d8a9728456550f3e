"""IAM enforcement on the test ground (docs/IAM-ENFORCEMENT.md): requests signed with the access key of an IAM
user or of an assumed role are allowed or denied as IAM's policy evaluation logic decides, from the policies
moto holds for that principal. Requests signed with any other key (the tests' admin key) pass untouched.

Three parts, each usable alone:
  evaluate()        pure policy evaluation: identity policies, optional permissions boundary, request context
  authorizations()  a request (method, path, headers, body) -> the IAM checks it needs (action, resource, context)
  Enforcer          finds the principal of a request and its policies in moto, runs both, answers a denial in
                    the service's own error format

Sources (AWS documentation):
  Policy evaluation logic
    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
  Condition operators (missing keys, ...IfExists, Null, negated operators)
    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
  Access denied message shape
    https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
  Actions per API operation: Service Authorization Reference, "Actions, resources, and condition keys for ..."
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html
    https://docs.aws.amazon.com/service-authorization/latest/reference/list_resourcegroupstaggingapi.html
  GetCallerIdentity needs no permission
    https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
"""
import fnmatch
import http.client
import json
import re
import threading
import time
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

# ==================================================================================================== evaluator


@dataclass(frozen=True)
class Check:
    """One authorization a request needs: an IAM action on a resource ARN, with the request's condition keys."""
    action: str
    resource: str
    context: dict = field(default_factory=dict)  # key (any case) -> str or list of str


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str  # "allowed", "explicit-deny", "implicit-deny", "boundary"


class PolicyError(ValueError):
    """A policy this evaluator cannot read (an unknown condition operator): the request is denied."""


def evaluate(identity_policies, check, boundary=None):
    """IAM's decision for one check, within one account: an explicit Deny in any policy wins; otherwise an Allow
    in an identity-based policy is needed and, when the principal has a permissions boundary, an Allow in the
    boundary too ("Policy evaluation logic", IAM User Guide)."""
    policies = list(identity_policies) + ([boundary] if boundary is not None else [])
    if any(_matches(s, check) for p in policies for s in _statements(p) if s.get("Effect") == "Deny"):
        return Decision(False, "explicit-deny")
    if not any(_matches(s, check) for p in identity_policies for s in _statements(p) if s.get("Effect") == "Allow"):
        return Decision(False, "implicit-deny")
    if boundary is not None and not any(
            _matches(s, check) for s in _statements(boundary) if s.get("Effect") == "Allow"):
        return Decision(False, "boundary")
    return Decision(True, "allowed")


def _statements(policy):
    if isinstance(policy, str):
        policy = json.loads(policy)
    statements = policy.get("Statement", [])
    return [statements] if isinstance(statements, dict) else statements


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _matches(statement, check):
    return (_element_matches(statement, "Action", action_matches, check.action)
            and _element_matches(statement, "Resource",
                                 lambda p, arn: resource_matches(substitute(p, check.context), arn), check.resource)
            and conditions_hold(statement.get("Condition", {}), check.context))


POLICY_VARIABLE = re.compile(r"\$\{([^}]+)\}")


def substitute(text, context):
    """Policy variables (${aws:PrincipalAccount}, ...) in a Resource or a condition value take the request's value
    of that key; a key the request does not have stays as written and so matches nothing ("IAM policy elements:
    Variables and tags", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)."""
    if "${" not in text:
        return text
    lowered = {k.lower(): v for k, v in context.items()}

    def value(match):
        found = lowered.get(match.group(1).lower())
        return found if isinstance(found, str) else match.group(0)
    return POLICY_VARIABLE.sub(value, text)


def _element_matches(statement, element, matcher, value):
    """Action/NotAction or Resource/NotResource: a statement with neither applies to nothing."""
    if element in statement:
        return any(matcher(p, value) for p in _as_list(statement[element]))
    if "Not" + element in statement:
        return not any(matcher(p, value) for p in _as_list(statement["Not" + element]))
    return False


def _glob(pattern, value, ignore_case):
    """IAM wildcards: * any run of characters, ? one character; nothing else is special."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.DOTALL | (re.IGNORECASE if ignore_case else 0)) is not None


def action_matches(pattern, action):
    """Actions are matched without regard to case (service prefix and name)."""
    return _glob(pattern, action, ignore_case=True)


def resource_matches(pattern, arn):
    """ARNs are matched per colon-separated part (partition, service, region, account, resource; the resource
    keeps its own colons), case-sensitively; a wildcard does not reach across those parts."""
    if pattern == "*":
        return True
    p, a = pattern.split(":", 5), arn.split(":", 5)
    if len(p) != 6 or len(a) != 6:
        return _glob(pattern, arn, ignore_case=False)
    return all(_glob(x, y, ignore_case=False) for x, y in zip(p, a))


def _arn_like(pattern, value):
    return resource_matches(pattern, value)


STRING_OPERATORS = {
    "StringEquals": (lambda p, v: p == v, False),
    "StringNotEquals": (lambda p, v: p == v, True),
    "StringEqualsIgnoreCase": (lambda p, v: p.lower() == v.lower(), False),
    "StringNotEqualsIgnoreCase": (lambda p, v: p.lower() == v.lower(), True),
    "StringLike": (lambda p, v: _glob(p, v, False), False),
    "StringNotLike": (lambda p, v: _glob(p, v, False), True),
    # ArnEquals and ArnLike behave the same: both take wildcards (condition operators, IAM User Guide).
    "ArnEquals": (_arn_like, False),
    "ArnLike": (_arn_like, False),
    "ArnNotEquals": (_arn_like, True),
    "ArnNotLike": (_arn_like, True),
    "Bool": (lambda p, v: p.lower() == v.lower(), False),
}


def conditions_hold(condition_block, context):
    """All operators and all keys of a Condition block must hold; the values of one key are alternatives."""
    lowered = {k.lower(): v for k, v in context.items()}
    for operator, keys in condition_block.items():
        for key, values in keys.items():
            present = key.lower() in lowered
            actual = lowered.get(key.lower())
            if not _condition(operator, [substitute(str(v), context) if not isinstance(v, bool) else str(v).lower()
                                         for v in _as_list(values)], present, actual):
                return False
    return True


def _condition(operator, values, present, actual):
    qualifier = None
    if ":" in operator:
        qualifier, operator = operator.split(":", 1)
    if operator == "Null":
        # "true": the key must be absent; "false": present.
        return any((v.lower() == "true") != present for v in values)
    if_exists = operator.endswith("IfExists")
    base = operator[:-len("IfExists")] if if_exists else operator
    if base not in STRING_OPERATORS:
        raise PolicyError(f"condition operator {operator} is not supported by the test ground's IAM enforcement")
    test, negated = STRING_OPERATORS[base]
    if not present:
        # A missing key fails a condition, except a negated one, ...IfExists, and ForAllValues (vacuously true).
        return if_exists or negated or qualifier == "ForAllValues"
    actual_values = [str(a) for a in _as_list(actual)]
    if qualifier == "ForAllValues":
        hit = all(any(test(v, a) for v in values) for a in actual_values)
        return not hit if negated else hit
    hit = any(test(v, a) for v in values for a in actual_values)
    return not hit if negated else hit


def denial_message(principal_arn, check, decision):
    """AWS's access denied message ("Troubleshoot access denied error messages", IAM User Guide)."""
    head = f"User: {principal_arn} is not authorized to perform: {check.action} on resource: {check.resource}"
    if decision.reason == "explicit-deny":
        return f"{head} with an explicit deny in an identity-based policy"
    if decision.reason == "boundary":
        return f"{head} because no permissions boundary allows the {check.action} action"
    return f"{head} because no identity-based policy allows the {check.action} action"


# ================================================================================================ request mapping


class Unmapped(Exception):
    """A request the enforcement cannot map to IAM actions: denied (fail closed) with this name."""


@dataclass
class Request:
    method: str
    path: str  # without the query
    query: dict  # name -> first value
    headers: dict  # lower-case name -> value
    body: bytes
    service: str  # signing name from the credential scope
    region: str
    account: str

    def form(self):
        return {k: v[0] for k, v in urllib.parse.parse_qs(self.body.decode("utf-8", "replace"),
                                                          keep_blank_values=True).items()}

    def json(self):
        try:
            return json.loads(self.body) if self.body else {}
        except ValueError:
            return {}

    def target(self):
        return (self.headers.get("x-amz-target") or "").rsplit(".", 1)[-1]


def authorizations(request, lookups):
    """The IAM checks a request needs; [] for a request that needs none. Raises Unmapped for a request this
    table does not know. {@code lookups} reads what a request alone does not say (a role's path and boundary,
    a REST API's tags) from the emulator."""
    mapper = MAPPERS.get(request.service)
    if mapper is None:
        raise Unmapped(f"{request.service} (no mapping for this service)")
    return mapper(request, lookups)


def _tags_context(tags):
    """aws:RequestTag/<key> and aws:TagKeys from the tags a request sets."""
    context = {f"aws:RequestTag/{k}": v for k, v in tags.items()}
    if tags:
        context["aws:TagKeys"] = list(tags)
    return context


def _member_tags(form, prefix="Tags.member"):
    tags, i = {}, 1
    while f"{prefix}.{i}.Key" in form:
        tags[form[f"{prefix}.{i}.Key"]] = form.get(f"{prefix}.{i}.Value", "")
        i += 1
    return tags


def _members(form, prefix):
    values, i = [], 1
    while f"{prefix}.member.{i}" in form:
        values.append(form[f"{prefix}.member.{i}"])
        i += 1
    return values


# --- S3 (list_amazons3.html) -------------------------------------------------------------------------------
S3_BUCKET_SUBRESOURCES = {  # subresource -> (GET/HEAD, PUT/POST, DELETE)
    "encryption": ("GetEncryptionConfiguration", "PutEncryptionConfiguration", "PutEncryptionConfiguration"),
    "lifecycle": ("GetLifecycleConfiguration", "PutLifecycleConfiguration", "PutLifecycleConfiguration"),
    "notification": ("GetBucketNotification", "PutBucketNotification", None),
    "policy": ("GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy"),
    "publicAccessBlock": ("GetBucketPublicAccessBlock", "PutBucketPublicAccessBlock", "PutBucketPublicAccessBlock"),
    "tagging": ("GetBucketTagging", "PutBucketTagging", "PutBucketTagging"),
    "versioning": ("GetBucketVersioning", "PutBucketVersioning", None),
    "location": ("GetBucketLocation", None, None),
    "acl": ("GetBucketAcl", "PutBucketAcl", None),
    "ownershipControls": ("GetBucketOwnershipControls", "PutBucketOwnershipControls", "PutBucketOwnershipControls"),
    "versions": ("ListBucketVersions", None, None),
    "uploads": ("ListBucketMultipartUploads", None, None),
}
S3_OBJECT_SUBRESOURCES = {"tagging": ("GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging"),
                          "acl": ("GetObjectAcl", "PutObjectAcl", None)}


def _s3(request, lookups):
    parts = urllib.parse.unquote(request.path).lstrip("/").split("/", 1)
    bucket = parts[0]
    key = parts[1] if len(parts) > 1 else ""
    method = request.method
    context = {"aws:SecureTransport": "false", "aws:ResourceAccount": request.account,
               "s3:ResourceAccount": request.account}
    if not bucket:
        if method == "GET":
            return [Check("s3:ListAllMyBuckets", "*", context)]
        raise Unmapped(f"S3 {method} /")
    bucket_arn = f"arn:aws:s3:::{bucket}"
    column = {"GET": 0, "HEAD": 0, "PUT": 1, "POST": 1, "DELETE": 2}.get(method)

    def s3(action, resource, **extra):
        return Check("s3:" + action, resource, {**context, **extra})

    if not key:
        subs = [s for s in S3_BUCKET_SUBRESOURCES if s in request.query]
        if subs:
            action = S3_BUCKET_SUBRESOURCES[subs[0]][column] if column is not None else None
            if action is None:
                raise Unmapped(f"S3 {method} ?{subs[0]}")
            return [s3(action, bucket_arn)]
        if method == "POST" and "delete" in request.query:  # DeleteObjects: each key
            keys = re.findall(r"<Key>([^<]*)</Key>", request.body.decode("utf-8", "replace"))
            return [s3("DeleteObject", f"{bucket_arn}/{k}") for k in keys]
        if method in ("GET", "HEAD"):  # ListObjects(V2), HeadBucket
            extra = {f"s3:{k}": request.query[k] for k in ("prefix", "delimiter", "max-keys") if k in request.query}
            return [s3("ListBucket", bucket_arn, **extra)]
        if method == "PUT" and not request.query:
            return [s3("CreateBucket", bucket_arn)]
        if method == "DELETE" and not request.query:
            return [s3("DeleteBucket", bucket_arn)]
        raise Unmapped(f"S3 {method} bucket ?{'&'.join(request.query)}")

    object_arn = f"{bucket_arn}/{key}"
    subs = [s for s in S3_OBJECT_SUBRESOURCES if s in request.query]
    if subs:
        action = S3_OBJECT_SUBRESOURCES[subs[0]][column] if column is not None else None
        if action is None:
            raise Unmapped(f"S3 {method} object ?{subs[0]}")
        return [s3(action, object_arn)]
    if method in ("GET", "HEAD"):
        if "uploadId" in request.query:
            return [s3("ListMultipartUploadParts", object_arn)]
        return [s3("GetObjectVersion" if "versionId" in request.query else "GetObject", object_arn)]
    if method == "DELETE":
        return [s3("AbortMultipartUpload" if "uploadId" in request.query else "DeleteObject", object_arn)]
    if method in ("PUT", "POST"):  # PutObject, UploadPart, Create/CompleteMultipartUpload, CopyObject
        checks = [s3("PutObject", object_arn)]
        source = request.headers.get("x-amz-copy-source")
        if source:
            source = urllib.parse.unquote(source.split("?", 1)[0]).lstrip("/")
            checks.append(s3("GetObject", f"arn:aws:s3:::{source}"))
        if request.headers.get("x-amz-tagging"):
            checks.append(s3("PutObjectTagging", object_arn))
        return checks
    raise Unmapped(f"S3 {method} object")


# --- Lambda (list_awslambda.html) ----------------------------------------------------------------------------
LAMBDA_FUNCTION = re.compile(r"^/\d{4}-\d{2}-\d{2}/functions/([^/]+)(/.*)?$")
LAMBDA_TAGS = re.compile(r"^/\d{4}-\d{2}-\d{2}/tags/(.+)$")


def lambda_function_arn(name_or_arn, region, account):
    name = urllib.parse.unquote(name_or_arn)
    if ":function:" in name:
        name = name.split(":function:", 1)[1]
    elif name.count(":") == 1:
        name = name.split(":", 1)[1]
    return f"arn:aws:lambda:{region}:{account}:function:{name.split(':', 1)[0]}"


def _pass_role(role_arn):
    """CreateFunction/UpdateFunctionConfiguration hand the role to Lambda: iam:PassRole, iam:PassedToService."""
    return Check("iam:PassRole", role_arn, {"iam:PassedToService": "lambda.amazonaws.com"})


def _lambda(request, lookups):
    method, path, body = request.method, request.path, request.json()
    if re.fullmatch(r"/\d{4}-\d{2}-\d{2}/functions/?", path):
        if method == "POST":
            arn = lambda_function_arn(body.get("FunctionName", ""), request.region, request.account)
            checks = [Check("lambda:CreateFunction", arn)]
            if body.get("Role"):
                checks.append(_pass_role(body["Role"]))
            return checks
        if method == "GET":
            return [Check("lambda:ListFunctions", "*")]
    tags = LAMBDA_TAGS.match(path)
    if tags:
        arn = urllib.parse.unquote(tags.group(1))
        action = {"GET": "ListTags", "POST": "TagResource", "DELETE": "UntagResource"}.get(method)
        if action:
            return [Check("lambda:" + action, arn, _tags_context(body.get("Tags") or {}))]
    fn = LAMBDA_FUNCTION.match(path)
    if fn:
        arn = lambda_function_arn(fn.group(1), request.region, request.account)
        rest = (fn.group(2) or "").rstrip("/")
        operations = {
            ("GET", ""): "GetFunction", ("DELETE", ""): "DeleteFunction",
            ("GET", "/configuration"): "GetFunctionConfiguration",
            ("PUT", "/configuration"): "UpdateFunctionConfiguration",
            ("PUT", "/code"): "UpdateFunctionCode", ("GET", "/policy"): "GetPolicy",
            ("POST", "/policy"): "AddPermission", ("POST", "/invocations"): "InvokeFunction",
            ("POST", "/versions"): "PublishVersion", ("GET", "/versions"): "ListVersionsByFunction",
            ("GET", "/event-invoke-config"): "GetFunctionEventInvokeConfig",
            ("PUT", "/event-invoke-config"): "PutFunctionEventInvokeConfig",
            ("POST", "/event-invoke-config"): "UpdateFunctionEventInvokeConfig",
            ("DELETE", "/event-invoke-config"): "DeleteFunctionEventInvokeConfig",
            ("GET", "/concurrency"): "GetFunctionConcurrency", ("PUT", "/concurrency"): "PutFunctionConcurrency",
            ("DELETE", "/concurrency"): "DeleteFunctionConcurrency",
        }
        operation = operations.get((method, rest))
        if operation is None and method == "DELETE" and rest.startswith("/policy/"):
            operation = "RemovePermission"
        if operation:
            context = {}
            if operation == "AddPermission" and body.get("Principal"):
                context["lambda:Principal"] = body["Principal"]
            checks = [Check("lambda:" + operation, arn, context)]
            if operation == "UpdateFunctionConfiguration" and body.get("Role"):
                checks.append(_pass_role(body["Role"]))
            return checks
    raise Unmapped(f"Lambda {method} {path}")


# --- IAM (list_awsidentityandaccessmanagementiam.html) -------------------------------------------------------
IAM_ROLE_ACTIONS = {"CreateRole", "DeleteRole", "GetRole", "UpdateRole", "UpdateRoleDescription",
                    "UpdateAssumeRolePolicy", "TagRole", "UntagRole", "ListRoleTags", "PutRolePolicy",
                    "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies", "ListAttachedRolePolicies",
                    "AttachRolePolicy", "DetachRolePolicy", "PutRolePermissionsBoundary",
                    "DeleteRolePermissionsBoundary", "ListInstanceProfilesForRole"}
# Actions whose request context carries iam:PermissionsBoundary (for the ones on an existing role: the role's
# current boundary).
IAM_BOUNDARY_ACTIONS = {"CreateRole", "PutRolePermissionsBoundary", "PutRolePolicy", "DeleteRolePolicy",
                        "AttachRolePolicy", "DetachRolePolicy", "DeleteRolePermissionsBoundary"}
IAM_USER_ACTIONS = {"GetUser", "CreateUser", "DeleteUser", "GetUserPolicy", "PutUserPolicy", "DeleteUserPolicy",
                    "ListUserPolicies", "ListAttachedUserPolicies", "CreateAccessKey", "DeleteAccessKey",
                    "ListAccessKeys", "TagUser", "ListUserTags"}
IAM_POLICY_ACTIONS = {"GetPolicy", "GetPolicyVersion", "CreatePolicy", "DeletePolicy", "ListPolicyVersions",
                      "CreatePolicyVersion", "DeletePolicyVersion", "TagPolicy"}
SERVICE_LINKED_ROLE_NAMES = {"ops.apigateway.amazonaws.com": "AWSServiceRoleForAPIGateway"}


def _iam(request, lookups):
    form = request.form()
    action = form.get("Action", "")
    account = request.account
    if action in IAM_ROLE_ACTIONS:
        name = form.get("RoleName", "")
        context = {}
        if action == "CreateRole":
            path = form.get("Path") or "/"
            boundary = form.get("PermissionsBoundary")
            context.update(_tags_context(_member_tags(form)))
        else:
            path, boundary = lookups.role_path_and_boundary(name, account)
            if action == "PutRolePermissionsBoundary":
                boundary = form.get("PermissionsBoundary")
            if action == "TagRole":
                context.update(_tags_context(_member_tags(form)))
        if action in IAM_BOUNDARY_ACTIONS and boundary:
            context["iam:PermissionsBoundary"] = boundary
        return [Check("iam:" + action, f"arn:aws:iam::{account}:role{path}{name}", context)]
    if action == "CreateServiceLinkedRole":
        service = form.get("AWSServiceName", "")
        name = SERVICE_LINKED_ROLE_NAMES.get(service, "*")
        return [Check("iam:CreateServiceLinkedRole", f"arn:aws:iam::{account}:role/aws-service-role/{service}/{name}",
                      {"iam:AWSServiceName": service})]
    if action in IAM_USER_ACTIONS:
        return [Check("iam:" + action, f"arn:aws:iam::{account}:user/{form.get('UserName', '')}")]
    if action in IAM_POLICY_ACTIONS:
        arn = form.get("PolicyArn") or f"arn:aws:iam::{account}:policy{form.get('Path') or '/'}{form.get('PolicyName')}"
        return [Check("iam:" + action, arn)]
    if action in ("ListRoles", "ListPolicies", "ListUsers"):
        return [Check("iam:" + action, "*")]
    raise Unmapped(f"iam:{action or '(no Action)'}")


# --- STS -----------------------------------------------------------------------------------------------------
def _sts(request, lookups):
    form = request.form()
    action = form.get("Action", "")
    if action == "GetCallerIdentity":  # no permission needed (API_GetCallerIdentity.html)
        return []
    if action == "AssumeRole":
        return [Check("sts:AssumeRole", form.get("RoleArn", ""))]
    raise Unmapped(f"sts:{action or '(no Action)'}")


# --- SQS (list_amazonsqs.html); JSON protocol (X-Amz-Target AmazonSQS.<op>) or query -----------------------
SQS_ACTIONS = {"CreateQueue", "DeleteQueue", "GetQueueUrl", "GetQueueAttributes", "SetQueueAttributes",
               "ListQueueTags", "TagQueue", "UntagQueue", "SendMessage", "SendMessageBatch", "ReceiveMessage",
               "DeleteMessage", "DeleteMessageBatch", "PurgeQueue", "ChangeMessageVisibility"}


def _sqs(request, lookups):
    if request.target():
        operation, params = request.target(), request.json()
        name, url, tags = params.get("QueueName"), params.get("QueueUrl"), params.get("tags") or {}
    else:
        params = request.form()
        operation, name, url = params.get("Action", ""), params.get("QueueName"), params.get("QueueUrl")
        tags = {}
    if operation == "ListQueues":
        return [Check("sqs:ListQueues", "*")]
    if operation not in SQS_ACTIONS:
        raise Unmapped(f"sqs:{operation or '(no operation)'}")
    if not name:
        name = (url or request.path).rstrip("/").rsplit("/", 1)[-1]
    context = _tags_context(tags) if operation == "CreateQueue" else {}
    action = {"SendMessageBatch": "SendMessage", "DeleteMessageBatch": "DeleteMessage"}.get(operation, operation)
    return [Check("sqs:" + action, f"arn:aws:sqs:{request.region}:{request.account}:{name}", context)]


# --- CloudWatch Logs (list_amazoncloudwatchlogs.html); JSON protocol -----------------------------------------
def _logs(request, lookups):
    operation, params = request.target(), request.json()
    group_arn = f"arn:aws:logs:{request.region}:{request.account}:log-group:"
    if operation == "DescribeLogGroups":
        return [Check("logs:DescribeLogGroups", group_arn + "*")]
    if operation in ("ListTagsForResource", "TagResource", "UntagResource"):
        context = _tags_context(params.get("tags") or {}) if operation == "TagResource" else {}
        return [Check("logs:" + operation, params.get("resourceArn", ""), context)]
    name = params.get("logGroupName") or params.get("logGroupIdentifier") or ""
    if name.startswith("arn:"):
        name = name.split(":log-group:", 1)[1].removesuffix(":*")
    if operation in ("CreateLogStream", "PutLogEvents"):
        return [Check("logs:" + operation, f"{group_arn}{name}:log-stream:{params.get('logStreamName', '')}")]
    if operation in ("CreateLogGroup", "DeleteLogGroup", "PutRetentionPolicy", "DeleteRetentionPolicy",
                     "AssociateKmsKey", "DisassociateKmsKey", "ListTagsLogGroup", "TagLogGroup",
                     "UntagLogGroup", "DescribeLogStreams"):
        context = _tags_context(params.get("tags") or {}) if operation == "CreateLogGroup" else {}
        return [Check("logs:" + operation, group_arn + name, context)]
    raise Unmapped(f"logs:{operation or '(no operation)'}")


# --- CloudWatch (list_amazoncloudwatch.html); query protocol (AWS SDK for Java) or JSON (X-Amz-Target) ---------
def _cloudwatch(request, lookups):
    if request.target():
        params = request.json()
        operation, names = request.target(), params.get("AlarmNames") or []
        tags = {t.get("Key"): t.get("Value", "") for t in params.get("Tags") or []}
    elif request.path.startswith("/service/"):  # Smithy RPC v2 CBOR: its body is not read here
        raise Unmapped(f"cloudwatch {request.path} (CBOR protocol; use the query or JSON protocol)")
    else:
        params = request.form()
        operation, names = params.get("Action", ""), _members(params, "AlarmNames")
        tags = _member_tags(params, "Tags.member")
    alarm = f"arn:aws:cloudwatch:{request.region}:{request.account}:alarm:"
    if operation == "PutMetricAlarm":
        return [Check("cloudwatch:PutMetricAlarm", alarm + params.get("AlarmName", ""), _tags_context(tags))]
    if operation in ("DeleteAlarms", "DescribeAlarms"):
        if not names:
            return [Check("cloudwatch:" + operation, alarm + "*")]
        return [Check("cloudwatch:" + operation, alarm + n) for n in names]
    if operation in ("ListTagsForResource", "TagResource", "UntagResource"):
        context = _tags_context(tags) if operation == "TagResource" else {}
        return [Check("cloudwatch:" + operation, params.get("ResourceARN", ""), context)]
    if operation == "GetMetricData":  # no resource-level permissions: only "*" matches
        return [Check("cloudwatch:GetMetricData", "*")]
    raise Unmapped(f"cloudwatch:{operation or '(no Action)'}")


# --- API Gateway (list_amazonapigatewaymanagement.html): the HTTP verb on the resource path ------------------
APIGW_TAGGED = re.compile(r"^/restapis/([^/]+)")
APIGW_TAGS = re.compile(r"^/tags/(.+)$")


def _apigateway(request, lookups):
    path = request.path.rstrip("/") or "/"
    verb = request.method
    if verb not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        raise Unmapped(f"apigateway {verb} {path}")
    context = {}
    body = request.json() if verb in ("POST", "PUT") else {}
    if path == "/restapis" and verb == "POST" or APIGW_TAGS.match(path):
        context.update(_tags_context(body.get("tags") or {}))
    api = APIGW_TAGGED.match(path)
    tagged = APIGW_TAGS.match(path)
    api_id = api.group(1) if api else None
    if tagged:
        target = urllib.parse.unquote(tagged.group(1))
        found = re.search(r"/restapis/([^/]+)", target)
        api_id = found.group(1) if found else None
    if api_id:
        for k, v in (lookups.rest_api_tags(api_id, request.account) or {}).items():
            context[f"aws:ResourceTag/{k}"] = v
    return [Check("apigateway:" + verb, f"arn:aws:apigateway:{request.region}::{path}", context)]


# --- Resource Groups Tagging API (list_resourcegroupstaggingapi.html); JSON protocol; its reads name no resource
# type, so they are checked on "*" -----------------------------------------------------------------------------
def _tagging(request, lookups):
    operation = request.target()
    if operation in ("GetResources", "GetTagKeys", "GetTagValues"):
        return [Check("tag:" + operation, "*")]
    raise Unmapped(f"tag:{operation or '(no operation)'}")


MAPPERS = {"s3": _s3, "lambda": _lambda, "iam": _iam, "sts": _sts, "sqs": _sqs, "logs": _logs,
           "monitoring": _cloudwatch, "apigateway": _apigateway, "tagging": _tagging}


# ================================================================================================ error answers


def denial_answer(service, message, method):
    """(status, headers, body) as the service answers an authorization failure."""
    request_id = str(uuid.uuid4())
    if service == "s3":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
                f"<Message>{_xml(message)}</Message><RequestId>{request_id}</RequestId>"
                "<HostId>finpipe-aws-behaviour</HostId></Error>").encode()
        return 403, [("Content-Type", "application/xml"), ("x-amz-request-id", request_id)], body
    if service in ("iam", "sts", "monitoring") or (service == "sqs" and method == "query"):
        namespace = {"iam": "https://iam.amazonaws.com/doc/2010-05-08/",
                     "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
                     "monitoring": "http://monitoring.amazonaws.com/doc/2010-08-01/",
                     "sqs": "http://queue.amazonaws.com/doc/2012-11-05/"}[service]
        body = (f'<ErrorResponse xmlns="{namespace}"><Error><Type>Sender</Type><Code>AccessDenied</Code>'
                f"<Message>{_xml(message)}</Message></Error><RequestId>{request_id}</RequestId>"
                "</ErrorResponse>").encode()
        return 403, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body
    if service == "sqs":  # JSON protocol; the query error code travels in x-amzn-query-error
        body = json.dumps({"__type": "com.amazon.coral.service#AccessDeniedException", "message": message})
        return 403, [("Content-Type", "application/x-amz-json-1.0"), ("x-amzn-RequestId", request_id),
                     ("x-amzn-query-error", "AccessDenied;Sender")], body.encode()
    if service == "logs":  # CloudWatch Logs answers AccessDeniedException with HTTP 400
        body = json.dumps({"__type": "AccessDeniedException", "message": message})
        return 400, [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", request_id)], body.encode()
    body = json.dumps({"Type": "User", "message": message, "Message": message})  # Lambda, API Gateway
    return 403, [("Content-Type", "application/json"), ("x-amzn-ErrorType", "AccessDeniedException"),
                 ("x-amzn-RequestId", request_id)], body.encode()


def _xml(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ================================================================================================ the enforcer

CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/]+)/([^/]+)/aws4_request")
ADMIN_KEY = "testing"


@dataclass(frozen=True)
class Verdict:
    principal: str
    allowed: bool
    answer: tuple = None  # (status, headers, body) when denied


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _find_all(root, name):
    return [e.text or "" for e in root.iter() if _local(e.tag) == name]


def _find(root, name):
    values = _find_all(root, name)
    return values[0] if values else None


def _document(text):
    text = text.strip()
    return json.loads(text if text.startswith("{") else urllib.parse.unquote(text))


class Moto:
    """Reads IAM and API Gateway state from moto with the admin identity, in the account of the principal whose
    request is decided (moto's x-moto-account-id header; a role assumed in another account is read there)."""

    def __init__(self, upstream):
        self.upstream = upstream  # () -> (host, port)

    def _call(self, method, path, service, body=b"", content_type=None, account=None):
        host, port = self.upstream()
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            headers = {"Authorization": f"AWS4-HMAC-SHA256 Credential={ADMIN_KEY}/20240101/us-east-1/{service}/"
                                        "aws4_request, SignedHeaders=host, Signature=0"}
            if account:
                headers["x-moto-account-id"] = account
            if content_type:
                headers["Content-Type"] = content_type
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def query(self, service, action, version, account=None, **params):
        body = urllib.parse.urlencode({"Action": action, "Version": version, **params}).encode()
        status, payload = self._call("POST", "/", service, body, "application/x-www-form-urlencoded", account)
        return status, (ET.fromstring(payload) if payload.strip().startswith(b"<") else None)

    def iam(self, action, account=None, **params):
        return self.query("iam", action, "2010-05-08", account, **params)

    def caller_arn(self, access_key):
        """The ARN moto gives a key: a user's, an assumed role's, or its default for keys it never issued."""
        host, port = self.upstream()
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            conn.request("POST", "/", body=b"Action=GetCallerIdentity&Version=2011-06-15", headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Authorization": f"AWS4-HMAC-SHA256 Credential={access_key}/20240101/us-east-1/sts/aws4_request, "
                                 "SignedHeaders=host, Signature=0"})
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
        return _find(ET.fromstring(payload), "Arn") if response.status == 200 else None

    def managed_document(self, policy_arn, account=None):
        status, root = self.iam("GetPolicy", account, PolicyArn=policy_arn)
        if status != 200:
            return None
        status, root = self.iam("GetPolicyVersion", account, PolicyArn=policy_arn,
                                VersionId=_find(root, "DefaultVersionId"))
        return _document(_find(root, "Document")) if status == 200 else None

    def policies(self, kind, name, account=None):
        """(identity policy documents, boundary document or None) of a user or role of {account}."""
        entity = "User" if kind == "user" else "Role"
        status, root = self.iam(f"Get{entity}", account, **{f"{entity}Name": name})
        if status != 200:
            return [], None
        boundary_arn = _find(root, "PermissionsBoundaryArn")
        documents = []
        _, listing = self.iam(f"List{entity}Policies", account, **{f"{entity}Name": name})
        for policy_name in _find_all(listing, "member") if listing is not None else []:
            status, doc = self.iam(f"Get{entity}Policy", account, **{f"{entity}Name": name, "PolicyName": policy_name})
            if status == 200:
                documents.append(_document(_find(doc, "PolicyDocument")))
        _, attached = self.iam(f"ListAttached{entity}Policies", account, **{f"{entity}Name": name})
        for arn in _find_all(attached, "PolicyArn") if attached is not None else []:
            document = self.managed_document(arn, account)
            if document:
                documents.append(document)
        boundary = self.managed_document(boundary_arn, account) if boundary_arn else None
        if boundary_arn and boundary is None:
            boundary = {"Statement": []}  # a boundary that cannot be read allows nothing
        return documents, boundary


class Lookups:
    """What a request's authorization needs to know about existing resources (read when asked, not cached)."""

    def __init__(self, moto):
        self.moto = moto

    def role_path_and_boundary(self, role_name, account=None):
        status, root = self.moto.iam("GetRole", account, RoleName=role_name)
        if status != 200:
            return "/", None
        return _find(root, "Path") or "/", _find(root, "PermissionsBoundaryArn")

    def rest_api_tags(self, api_id, account=None):
        status, payload = self.moto._call("GET", f"/restapis/{api_id}", "apigateway", account=account)
        if status != 200:
            return {}
        try:
            return json.loads(payload).get("tags") or {}
        except ValueError:
            return {}


class Enforcer:
    """Entry point of the proxy: check() answers None (not an enforced principal) or a Verdict."""
    # Policies are re-read after this time, and for a while after any IAM write that passes through the proxy (its
    # effect on moto is not visible at request entry); IAM itself applies changes with a delay too.
    POLICY_TTL_SECONDS = 10.0
    AFTER_IAM_WRITE_SECONDS = 1.0

    def __init__(self, upstream, log=print):
        self.moto = Moto(upstream)
        self.lookups = Lookups(self.moto)
        self.log = log
        self.lock = threading.Lock()
        self.principals = {}  # access key id -> principal ARN or None (not enforced)
        self.policy_cache = {}  # principal ARN -> (time read, identity policies, boundary)
        self.last_iam_write = -1e9  # monotonic time of the last IAM write request seen

    def check(self, method, raw_path, headers, body):
        signed = self._signature(raw_path, headers)
        if signed is None:
            return None
        access_key, region, service = signed
        if service == "iam" and not re.search(rb"Action=(Get|List)", body or b""):
            with self.lock:
                self.last_iam_write = time.monotonic()
        principal = self._principal(access_key)
        if principal is None:
            return None
        account = principal.split(":")[4]
        path, _, query = raw_path.partition("?")
        request = Request(method, path, {k: v[0] for k, v in urllib.parse.parse_qs(query, True).items()},
                          {k.lower(): v for k, v in headers.items()}, body, service, region, account)
        protocol = "json" if request.headers.get("x-amz-target") else "query"
        try:
            checks = authorizations(request, self.lookups)
        except Unmapped as unmapped:
            message = (f"User: {principal} is not authorized to perform: {unmapped} (the test ground's IAM "
                       f"enforcement has no mapping for {method} {path}; add it to iam_enforcement.py)")
            return self._deny(principal, service, protocol, message)
        identity, boundary = self._policies(principal)
        for check in checks:
            # Global condition keys every request carries (AWS global condition context keys).
            check = Check(check.action, check.resource,
                          {"aws:PrincipalAccount": account, "aws:PrincipalArn": principal, **check.context})
            try:
                decision = evaluate(identity, check, boundary)
            except PolicyError as error:
                return self._deny(principal, service, protocol, f"{denial_message(principal, check, Decision(False, 'implicit-deny'))} ({error})")
            if not decision.allowed:
                return self._deny(principal, service, protocol, denial_message(principal, check, decision))
        return Verdict(principal, True)

    def _deny(self, principal, service, protocol, message):
        self.log(f"iam-enforcement: denied: {message}", flush=True)
        return Verdict(principal, False, denial_answer(service, message, protocol))

    @staticmethod
    def _signature(raw_path, headers):
        """(access key id, region, signing service) of a SigV4 request, header- or query-signed (presigned)."""
        auth = headers.get("Authorization") or ""
        m = CREDENTIAL.search(auth)
        if m is None:
            query = urllib.parse.parse_qs(raw_path.partition("?")[2])
            credential = (query.get("X-Amz-Credential") or [""])[0]
            m = CREDENTIAL.search("Credential=" + credential)
        return (m.group(1), m.group(2), m.group(3)) if m else None

    def _principal(self, access_key):
        if access_key == ADMIN_KEY:
            return None
        with self.lock:
            if access_key in self.principals:
                return self.principals[access_key]
        arn = self.moto.caller_arn(access_key) or ""
        # Enforced: IAM users and assumed roles moto issued the key for; moto's default identity is not one.
        enforced = arn if re.match(r"arn:[^:]+:(iam::\d+:user/|sts::\d+:assumed-role/)", arn) else None
        with self.lock:
            self.principals[access_key] = enforced
        return enforced

    def _policies(self, principal):
        now = time.monotonic()
        with self.lock:
            cached = self.policy_cache.get(principal)
            if (cached and now - cached[0] < self.POLICY_TTL_SECONDS
                    and cached[0] - self.last_iam_write > self.AFTER_IAM_WRITE_SECONDS):
                return cached[1], cached[2]
        account, resource = principal.split(":", 5)[4:6]
        if resource.startswith("assumed-role/"):
            identity, boundary = self.moto.policies("role", resource.split("/")[1], account)
        else:
            identity, boundary = self.moto.policies("user", resource.rsplit("/", 1)[-1], account)
        with self.lock:
            self.policy_cache[principal] = (now, identity, boundary)
        return identity, boundary
