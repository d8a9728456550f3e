"""Table tests of the test ground's IAM enforcement (iam_enforcement.py), stdlib only:
  cd e2e/testenv/lib && python -m unittest -v test_iam_enforcement
The e2e suite runs them too (IamEnforcementUnitTest)."""
import json
import os
import unittest

from iam_enforcement import (Check, Decision, Enforcer, Moto, PolicyError, Request, Unmapped, authorizations,
                             denial_answer, denial_message, evaluate, resource_matches)

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ACCOUNT = "123456789012"


def operator_policy():
    with open(os.path.join(REPO, "docs", "operator-iam-policy.json")) as f:
        return json.load(f)


def allow(action, resource, condition=None):
    statement = {"Effect": "Allow", "Action": action, "Resource": resource}
    if condition:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


def deny(action, resource, condition=None):
    policy = allow(action, resource, condition)
    policy["Statement"][0]["Effect"] = "Deny"
    return policy


class EvaluationTest(unittest.TestCase):
    CASES = [
        # (name, identity policies, boundary, check, expected reason)
        ("allowed by an exact action", [allow("s3:GetObject", "arn:aws:s3:::b/k")], None,
         Check("s3:GetObject", "arn:aws:s3:::b/k"), "allowed"),
        ("nothing allows: implicit deny", [allow("s3:GetObject", "arn:aws:s3:::b/k")], None,
         Check("s3:PutObject", "arn:aws:s3:::b/k"), "implicit-deny"),
        ("no policy at all", [], None, Check("s3:GetObject", "arn:aws:s3:::b/k"), "implicit-deny"),
        ("explicit deny wins over allow", [allow("s3:*", "*"), deny("s3:DeleteObject", "arn:aws:s3:::b/*")], None,
         Check("s3:DeleteObject", "arn:aws:s3:::b/x"), "explicit-deny"),
        ("action wildcard, any case", [allow("S3:Get*", "*")], None,
         Check("s3:GetObject", "arn:aws:s3:::b/k"), "allowed"),
        ("action ? wildcard", [allow("sqs:?etQueueUrl", "*")], None,
         Check("sqs:GetQueueUrl", "arn:aws:sqs:us-east-1:1:q"), "allowed"),
        ("NotAction allows the others", [{"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}],
         None, Check("iam:CreateRole", "arn:aws:iam::1:role/x"), "implicit-deny"),
        ("NotAction: not listed is allowed",
         [{"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}], None,
         Check("s3:GetObject", "arn:aws:s3:::b/k"), "allowed"),
        ("resource wildcard in the prefix", [allow("s3:GetObject", "arn:aws:s3:::b/results/*")], None,
         Check("s3:GetObject", "arn:aws:s3:::b/status/j.json"), "implicit-deny"),
        ("resource is case-sensitive", [allow("s3:GetObject", "arn:aws:s3:::b/results/*")], None,
         Check("s3:GetObject", "arn:aws:s3:::b/Results/x"), "implicit-deny"),
        ("NotResource", [{"Statement": [{"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/*"}]}],
         None, Check("s3:GetObject", "arn:aws:s3:::b/k"), "implicit-deny"),
        ("role wildcard: fp_ only", [allow("iam:CreateRole", "arn:aws:iam::*:role/fp_*")], None,
         Check("iam:CreateRole", "arn:aws:iam::123456789012:role/admin"), "implicit-deny"),
        ("role wildcard: fp_ role", [allow("iam:CreateRole", "arn:aws:iam::*:role/fp_*")], None,
         Check("iam:CreateRole", "arn:aws:iam::123456789012:role/fp_x"), "allowed"),
        ("account wildcard stays in its ARN part", [allow("iam:GetRole", "arn:aws:iam::*:role/fp_*")], None,
         Check("iam:GetRole", "arn:aws:iam::1:2:role/fp_x"), "implicit-deny"),
        ("StringEquals holds", [allow("iam:PassRole", "*", {"StringEquals": {"iam:PassedToService":
                                                                               "lambda.amazonaws.com"}})], None,
         Check("iam:PassRole", "arn:aws:iam::1:role/fp_x", {"iam:PassedToService": "lambda.amazonaws.com"}),
         "allowed"),
        ("StringEquals fails on another value", [allow("iam:PassRole", "*", {"StringEquals": {
            "iam:PassedToService": "lambda.amazonaws.com"}})], None,
         Check("iam:PassRole", "arn:aws:iam::1:role/fp_x", {"iam:PassedToService": "ec2.amazonaws.com"}),
         "implicit-deny"),
        ("condition on a missing key fails", [allow("iam:PassRole", "*", {"StringEquals": {
            "iam:PassedToService": "lambda.amazonaws.com"}})], None,
         Check("iam:PassRole", "arn:aws:iam::1:role/fp_x"), "implicit-deny"),
        ("condition key names ignore case", [allow("iam:PassRole", "*", {"StringEquals": {
            "IAM:passedToService": "lambda.amazonaws.com"}})], None,
         Check("iam:PassRole", "r", {"iam:PassedToService": "lambda.amazonaws.com"}), "allowed"),
        ("multiple values are alternatives", [allow("lambda:AddPermission", "*", {"StringEquals": {
            "lambda:Principal": ["s3.amazonaws.com", "apigateway.amazonaws.com"]}})], None,
         Check("lambda:AddPermission", "f", {"lambda:Principal": "apigateway.amazonaws.com"}), "allowed"),
        ("multiple values: another principal", [allow("lambda:AddPermission", "*", {"StringEquals": {
            "lambda:Principal": ["s3.amazonaws.com", "apigateway.amazonaws.com"]}})], None,
         Check("lambda:AddPermission", "f", {"lambda:Principal": "*"}), "implicit-deny"),
        ("StringNotEquals on a missing key holds", [allow("s3:GetObject", "*", {"StringNotEquals": {
            "aws:ResourceAccount": "999"}})], None, Check("s3:GetObject", "x"), "allowed"),
        ("StringLike s3:prefix", [allow("s3:ListBucket", "*", {"StringLike": {"s3:prefix": "status/*"}})], None,
         Check("s3:ListBucket", "arn:aws:s3:::b", {"s3:prefix": "results/"}), "implicit-deny"),
        ("StringEqualsIfExists: absent key holds", [allow("s3:GetObject", "*", {"StringEqualsIfExists": {
            "aws:ResourceAccount": "1"}})], None, Check("s3:GetObject", "x"), "allowed"),
        ("StringEqualsIfExists: present key must match", [allow("s3:GetObject", "*", {"StringEqualsIfExists": {
            "aws:ResourceAccount": "1"}})], None, Check("s3:GetObject", "x", {"aws:ResourceAccount": "2"}),
         "implicit-deny"),
        ("ArnLike boundary", [allow("iam:CreateRole", "*", {"ArnLike": {
            "iam:PermissionsBoundary": "arn:aws:iam::*:policy/finpipe-*"}})], None,
         Check("iam:CreateRole", "r", {"iam:PermissionsBoundary": "arn:aws:iam::1:policy/finpipe-boundary"}),
         "allowed"),
        ("ArnEquals without boundary", [allow("iam:CreateRole", "*", {"ArnEquals": {
            "iam:PermissionsBoundary": "arn:aws:iam::1:policy/finpipe-boundary"}})], None,
         Check("iam:CreateRole", "r"), "implicit-deny"),
        ("Null true: key must be absent", [deny("iam:CreateRole", "*", {"Null": {"iam:PermissionsBoundary": "true"}}),
                                           allow("iam:*", "*")], None, Check("iam:CreateRole", "r"), "explicit-deny"),
        ("Null true: present key passes", [deny("iam:CreateRole", "*", {"Null": {"iam:PermissionsBoundary": "true"}}),
                                           allow("iam:*", "*")], None,
         Check("iam:CreateRole", "r", {"iam:PermissionsBoundary": "p"}), "allowed"),
        ("Bool aws:SecureTransport", [deny("s3:*", "*", {"Bool": {"aws:SecureTransport": False}}),
                                      allow("s3:*", "*")], None,
         Check("s3:GetObject", "x", {"aws:SecureTransport": "false"}), "explicit-deny"),
        ("RequestTag", [allow("apigateway:POST", "*", {"StringEquals": {
            "aws:RequestTag/finpipe.dev/managed-by": "financial-pipeline-operator"}})], None,
         Check("apigateway:POST", "a", {"aws:RequestTag/finpipe.dev/managed-by": "someone"}), "implicit-deny"),
        ("ForAllValues TagKeys: only allowed keys", [allow("iam:TagRole", "*", {"ForAllValues:StringEquals": {
            "aws:TagKeys": ["a", "b"]}})], None, Check("iam:TagRole", "r", {"aws:TagKeys": ["a", "c"]}),
         "implicit-deny"),
        ("ForAnyValue TagKeys", [allow("iam:TagRole", "*", {"ForAnyValue:StringEquals": {"aws:TagKeys": "c"}})], None,
         Check("iam:TagRole", "r", {"aws:TagKeys": ["a", "c"]}), "allowed"),
        ("boundary must allow too", [allow("s3:*", "*")], allow("s3:GetObject", "*"),
         Check("s3:PutObject", "x"), "boundary"),
        ("allowed by both", [allow("s3:*", "*")], allow("s3:GetObject", "*"), Check("s3:GetObject", "x"), "allowed"),
        ("boundary alone grants nothing", [], allow("s3:*", "*"), Check("s3:GetObject", "x"), "implicit-deny"),
        ("deny in the boundary wins", [allow("s3:*", "*")],
         {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                        {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]},
         Check("s3:DeleteObject", "x"), "explicit-deny"),
    ]

    def test_table(self):
        for name, identity, boundary, check, expected in self.CASES:
            with self.subTest(name):
                self.assertEqual(expected, evaluate(identity, check, boundary).reason)

    def test_unknown_operator_is_an_error_not_an_allow(self):
        with self.assertRaises(PolicyError):
            evaluate([allow("s3:*", "*", {"DateGreaterThan": {"aws:CurrentTime": "2020-01-01"}})],
                     Check("s3:GetObject", "x"))

    def test_resource_matching(self):
        for pattern, arn, expected in [
            ("arn:aws:s3:::fp-*", "arn:aws:s3:::fp-a", True),
            ("arn:aws:s3:::fp-*", "arn:aws:s3:::other", False),
            ("arn:aws:logs:*:*:log-group:/aws/lambda/fp_*", "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/fp_a",
             True),
            ("arn:aws:logs:*:*:log-group:/aws/lambda/fp_*:*",
             "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/fp_a:log-stream:s", True),
            ("arn:aws:lambda:*:*:function:fp_*", "arn:aws:lambda:us-east-1:1:function:other", False),
            ("*", "anything", True),
        ]:
            with self.subTest(pattern=pattern, arn=arn):
                self.assertEqual(expected, resource_matches(pattern, arn))


ROLE = "arn:aws:iam::123456789012:role/finpipe/fp_x"
BOUNDARY = "arn:aws:iam::123456789012:policy/finpipe/FinancialPipelineFunctionBoundary"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:fp_x"


class PolicyVariableTest(unittest.TestCase):
    def test_a_variable_takes_the_requests_value(self):
        policy = allow("s3:GetObject", "arn:aws:s3:::*/incoming/*",
                          {"StringEquals": {"s3:ResourceAccount": "${aws:PrincipalAccount}"}})
        same = Check("s3:GetObject", "arn:aws:s3:::b/incoming/x",
                     {"s3:ResourceAccount": "123456789012", "aws:PrincipalAccount": "123456789012"})
        other = Check("s3:GetObject", "arn:aws:s3:::b/incoming/x",
                      {"s3:ResourceAccount": "210987654321", "aws:PrincipalAccount": "123456789012"})
        missing = Check("s3:GetObject", "arn:aws:s3:::b/incoming/x", {"s3:ResourceAccount": "123456789012"})
        self.assertTrue(evaluate([policy], same).allowed)
        self.assertFalse(evaluate([policy], other).allowed)
        self.assertFalse(evaluate([policy], missing).allowed)

    def test_a_variable_in_a_resource(self):
        policy = allow("sqs:SendMessage", "arn:aws:sqs:*:${aws:PrincipalAccount}:fp_*")
        self.assertTrue(evaluate([policy], Check(
            "sqs:SendMessage", "arn:aws:sqs:us-east-1:1:fp_q", {"aws:PrincipalAccount": "1"})).allowed)
        self.assertFalse(evaluate([policy], Check(
            "sqs:SendMessage", "arn:aws:sqs:us-east-1:2:fp_q", {"aws:PrincipalAccount": "1"})).allowed)


class OperatorPolicyTest(unittest.TestCase):
    """docs/operator-iam-policy.json as the evaluator reads it: what the operator may and may not do. A leaked
    operator credential must not create a role without the functions' permissions boundary, remove or swap the
    boundary, attach a managed policy, pass a role to another service or let anyone but S3 and API Gateway
    invoke a function (docs/SECURITY.md, finding 1)."""
    CASES = [
        ("iam:CreateRole", ROLE, {}, False),
        ("iam:CreateRole", ROLE, {"iam:PermissionsBoundary": BOUNDARY}, True),
        ("iam:CreateRole", ROLE, {"iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess"}, False),
        ("iam:CreateRole", "arn:aws:iam::123456789012:role/fp_x", {"iam:PermissionsBoundary": BOUNDARY}, False),
        ("iam:PutRolePolicy", ROLE, {}, False),
        ("iam:PutRolePolicy", ROLE, {"iam:PermissionsBoundary": BOUNDARY}, True),
        ("iam:PutRolePermissionsBoundary", ROLE,
         {"iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess"}, False),
        ("iam:DeleteRolePermissionsBoundary", ROLE, {"iam:PermissionsBoundary": BOUNDARY}, False),
        ("iam:AttachRolePolicy", ROLE, {"iam:PermissionsBoundary": BOUNDARY}, False),
        ("iam:PassRole", ROLE, {"iam:PassedToService": "lambda.amazonaws.com"}, True),
        ("iam:PassRole", ROLE, {"iam:PassedToService": "ec2.amazonaws.com"}, False),
        ("lambda:AddPermission", FUNCTION, {"lambda:Principal": "s3.amazonaws.com"}, True),
        ("lambda:AddPermission", FUNCTION, {"lambda:Principal": "apigateway.amazonaws.com"}, True),
        ("lambda:AddPermission", FUNCTION, {"lambda:Principal": "*"}, False),
        ("lambda:AddPermission", FUNCTION, {"lambda:Principal": "123456789012"}, False),
        ("s3:CreateBucket", "arn:aws:s3:::fp-abc", {}, True),
        ("logs:CreateLogGroup", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fp_x", {}, True),
        ("iam:CreateRole", "arn:aws:iam::123456789012:role/admin", {}, False),
        ("iam:PassRole", "arn:aws:iam::123456789012:role/fp_x", {"iam:PassedToService": "ec2.amazonaws.com"}, False),
        ("s3:CreateBucket", "arn:aws:s3:::other", {}, False),
        ("s3:GetObject", "arn:aws:s3:::fp-abc/results/x", {}, False),
        ("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:fp_x", {}, False),
        ("apigateway:POST", "arn:aws:apigateway:us-east-1::/restapis", {}, False),
        ("cloudwatch:GetMetricData", "*", {}, True),
    ]

    def test_operator_policy(self):
        policy = operator_policy()
        for action, resource, context, expected in self.CASES:
            with self.subTest(action=action, resource=resource, context=context):
                self.assertEqual(expected, evaluate([policy], Check(action, resource, context)).allowed)


class FakeLookups:
    def __init__(self, path="/", boundary=None, tags=None):
        self.path, self.boundary, self.tags = path, boundary, tags or {}
        self.accounts = []  # the account of each lookup

    def role_path_and_boundary(self, name, account=None):
        self.accounts.append(account)
        return self.path, self.boundary

    def rest_api_tags(self, api_id, account=None):
        self.accounts.append(account)
        return self.tags


class OtherAccountTest(unittest.TestCase):
    """A role assumed in another account (moto keys state by account) is judged by that account's IAM state."""
    OTHER = "222222222222"

    def test_policies_of_an_assumed_role_are_read_in_its_account(self):
        asked = []

        class FakeMoto:
            def policies(self, kind, name, account=None):
                asked.append((kind, name, account))
                return [], None

        enforcer = Enforcer(lambda: ("127.0.0.1", 1), log=lambda *a, **k: None)
        enforcer.moto = FakeMoto()
        enforcer._policies(f"arn:aws:sts::{self.OTHER}:assumed-role/finpipe-deployer/finpipe-uid")
        enforcer._policies(f"arn:aws:iam::{ACCOUNT}:user/operator")
        self.assertEqual([("role", "finpipe-deployer", self.OTHER), ("user", "operator", ACCOUNT)], asked)

    def test_role_lookups_of_a_request_are_made_in_the_principals_account(self):
        lookups = FakeLookups(path="/finpipe/")
        req = Request("POST", "/", {}, {}, b"Action=PutRolePolicy&RoleName=fp_x&PolicyName=p", "iam", "us-east-1",
                      self.OTHER)
        [check] = authorizations(req, lookups)
        self.assertEqual(f"arn:aws:iam::{self.OTHER}:role/finpipe/fp_x", check.resource)
        self.assertEqual([self.OTHER], lookups.accounts)

    def test_reads_name_the_account_to_moto(self):
        sent = {}

        class Recorder(Moto):
            def _call(self, method, path, service, body=b"", content_type=None, account=None):
                sent["account"] = account
                return 404, b""

        Recorder(lambda: ("127.0.0.1", 1)).policies("role", "finpipe-deployer", self.OTHER)
        self.assertEqual(self.OTHER, sent["account"])


def request(service, method, path, query=None, headers=None, body=b""):
    return Request(method, path, query or {}, {k.lower(): v for k, v in (headers or {}).items()},
                   body if isinstance(body, bytes) else body.encode(), service, "us-east-1", ACCOUNT)


class MappingTest(unittest.TestCase):
    def checks(self, req, lookups=None):
        return [(c.action, c.resource) for c in authorizations(req, lookups or FakeLookups())]

    def test_s3(self):
        cases = [
            (request("s3", "GET", "/b/status/j.json"), [("s3:GetObject", "arn:aws:s3:::b/status/j.json")]),
            (request("s3", "HEAD", "/b/incoming/j.csv"), [("s3:GetObject", "arn:aws:s3:::b/incoming/j.csv")]),
            (request("s3", "PUT", "/b/results/j.json"), [("s3:PutObject", "arn:aws:s3:::b/results/j.json")]),
            (request("s3", "DELETE", "/b/incoming/j.csv"), [("s3:DeleteObject", "arn:aws:s3:::b/incoming/j.csv")]),
            (request("s3", "PUT", "/b/processed/j.csv", headers={"x-amz-copy-source": "b/incoming/j.csv"}),
             [("s3:PutObject", "arn:aws:s3:::b/processed/j.csv"), ("s3:GetObject", "arn:aws:s3:::b/incoming/j.csv")]),
            (request("s3", "GET", "/b", {"list-type": "2", "prefix": "processed/"}), [("s3:ListBucket", "arn:aws:s3:::b")]),
            (request("s3", "HEAD", "/b"), [("s3:ListBucket", "arn:aws:s3:::b")]),
            (request("s3", "PUT", "/b"), [("s3:CreateBucket", "arn:aws:s3:::b")]),
            (request("s3", "PUT", "/b", {"notification": ""}), [("s3:PutBucketNotification", "arn:aws:s3:::b")]),
            (request("s3", "GET", "/b", {"publicAccessBlock": ""}),
             [("s3:GetBucketPublicAccessBlock", "arn:aws:s3:::b")]),
            (request("s3", "DELETE", "/b", {"policy": ""}), [("s3:DeleteBucketPolicy", "arn:aws:s3:::b")]),
        ]
        for req, expected in cases:
            with self.subTest(method=req.method, path=req.path, query=req.query):
                self.assertEqual(expected, self.checks(req))

    def test_tagging_reads_are_checked_on_every_resource(self):
        req = request("tagging", "POST", "/", headers={"X-Amz-Target": "ResourceGroupsTaggingAPI_20170126.GetResources"},
                      body="{}")
        self.assertEqual([("tag:GetResources", "*")], self.checks(req))

    def test_s3_prefix_context(self):
        [check] = authorizations(request("s3", "GET", "/b", {"prefix": "results/"}), FakeLookups())
        self.assertEqual("results/", check.context["s3:prefix"])

    def test_lambda(self):
        arn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:fp_a"
        create = request("lambda", "POST", "/2015-03-31/functions",
                         body=json.dumps({"FunctionName": "fp_a", "Role": "arn:aws:iam::1:role/fp_a"}))
        self.assertEqual([("lambda:CreateFunction", arn), ("iam:PassRole", "arn:aws:iam::1:role/fp_a")],
                         self.checks(create))
        self.assertEqual("lambda.amazonaws.com",
                         authorizations(create, FakeLookups())[1].context["iam:PassedToService"])
        permission = request("lambda", "POST", f"/2015-03-31/functions/{arn}/policy",
                             body=json.dumps({"Principal": "s3.amazonaws.com"}))
        [check] = authorizations(permission, FakeLookups())
        self.assertEqual(("lambda:AddPermission", arn, "s3.amazonaws.com"),
                         (check.action, check.resource, check.context["lambda:Principal"]))
        for method, path, action in [
            ("GET", "/2015-03-31/functions/fp_a", "GetFunction"),
            ("PUT", "/2015-03-31/functions/fp_a/code", "UpdateFunctionCode"),
            ("DELETE", "/2015-03-31/functions/fp_a/policy/sid1", "RemovePermission"),
            ("PUT", "/2019-09-25/functions/fp_a/event-invoke-config", "PutFunctionEventInvokeConfig"),
            ("GET", f"/2017-03-31/tags/{arn}", "ListTags"),
        ]:
            with self.subTest(path=path):
                self.assertEqual([("lambda:" + action, arn)], self.checks(request("lambda", method, path)))

    def test_iam_role_context(self):
        body = ("Action=CreateRole&RoleName=fp_a&Path=%2Ffinpipe%2F&PermissionsBoundary=arn%3Aaws%3Aiam%3A%3A1%3A"
                "policy%2Fb&Tags.member.1.Key=k&Tags.member.1.Value=v")
        [check] = authorizations(request("iam", "POST", "/", body=body), FakeLookups())
        self.assertEqual(("iam:CreateRole", f"arn:aws:iam::{ACCOUNT}:role/finpipe/fp_a"), (check.action, check.resource))
        self.assertEqual({"iam:PermissionsBoundary": "arn:aws:iam::1:policy/b", "aws:RequestTag/k": "v",
                          "aws:TagKeys": ["k"]}, check.context)
        [put] = authorizations(request("iam", "POST", "/", body="Action=PutRolePolicy&RoleName=fp_a"),
                               FakeLookups("/finpipe/", "arn:aws:iam::1:policy/b"))
        self.assertEqual((f"arn:aws:iam::{ACCOUNT}:role/finpipe/fp_a", {"iam:PermissionsBoundary":
                                                                         "arn:aws:iam::1:policy/b"}),
                         (put.resource, put.context))

    def test_json_protocols(self):
        sqs = request("sqs", "POST", "/", headers={"X-Amz-Target": "AmazonSQS.GetQueueAttributes"},
                      body=json.dumps({"QueueUrl": "http://h/123456789012/fp_dlq"}))
        self.assertEqual([("sqs:GetQueueAttributes", f"arn:aws:sqs:us-east-1:{ACCOUNT}:fp_dlq")], self.checks(sqs))
        logs = request("logs", "POST", "/", headers={"X-Amz-Target": "Logs_20140328.PutRetentionPolicy"},
                       body=json.dumps({"logGroupName": "/aws/lambda/fp_a"}))
        self.assertEqual([("logs:PutRetentionPolicy", f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/lambda/fp_a")],
                         self.checks(logs))
        metrics = request("monitoring", "POST", "/", body="Action=GetMetricData&MetricDataQueries.member.1.Id=age0")
        self.assertEqual([("cloudwatch:GetMetricData", "*")], self.checks(metrics))
        alarms = request("monitoring", "POST", "/", body="Action=DeleteAlarms&AlarmNames.member.1=fp_a")
        self.assertEqual([("cloudwatch:DeleteAlarms", f"arn:aws:cloudwatch:us-east-1:{ACCOUNT}:alarm:fp_a")],
                         self.checks(alarms))

    def test_apigateway_tags(self):
        [create] = authorizations(request("apigateway", "POST", "/restapis", body=json.dumps(
            {"name": "x", "tags": {"finpipe.dev/managed-by": "financial-pipeline-operator"}})), FakeLookups())
        self.assertEqual(("apigateway:POST", "arn:aws:apigateway:us-east-1::/restapis"),
                         (create.action, create.resource))
        self.assertEqual("financial-pipeline-operator", create.context["aws:RequestTag/finpipe.dev/managed-by"])
        [delete] = authorizations(request("apigateway", "DELETE", "/restapis/abc"),
                                  FakeLookups(tags={"finpipe.dev/managed-by": "financial-pipeline-operator"}))
        self.assertEqual("financial-pipeline-operator", delete.context["aws:ResourceTag/finpipe.dev/managed-by"])

    def test_unknown_requests_fail_closed(self):
        for req in [request("kms", "POST", "/", headers={"X-Amz-Target": "TrentService.Decrypt"}),
                    request("iam", "POST", "/", body="Action=CreateUser2"),
                    request("lambda", "GET", "/2015-03-31/unknown"),
                    request("s3", "PUT", "/b", {"website": ""})]:
            with self.subTest(service=req.service, path=req.path):
                with self.assertRaises(Unmapped):
                    authorizations(req, FakeLookups())

    def test_get_caller_identity_needs_no_permission(self):
        self.assertEqual([], self.checks(request("sts", "POST", "/", body="Action=GetCallerIdentity")))


class SignatureTest(unittest.TestCase):
    """The access key of a request: from the Authorization header, or from a presigned URL's query."""

    def test_header_signed(self):
        headers = {"Authorization": "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20240101/us-east-1/s3/aws4_request, "
                                    "SignedHeaders=host, Signature=abc"}
        self.assertEqual(("ASIAEXAMPLE", "us-east-1", "s3"), Enforcer._signature("/b/k", headers))

    def test_presigned_put(self):
        path = ("/b/incoming/j.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20240101%2F"
                "eu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=abc")
        self.assertEqual(("ASIAEXAMPLE", "eu-west-1", "s3"), Enforcer._signature(path, {}))

    def test_unsigned(self):
        self.assertIsNone(Enforcer._signature("/b/k", {}))


class DenialAnswerTest(unittest.TestCase):
    def test_message_shape(self):
        check = Check("s3:PutObject", "arn:aws:s3:::b/results/x")
        principal = "arn:aws:sts::123456789012:assumed-role/fp_status/s"
        self.assertEqual("User: arn:aws:sts::123456789012:assumed-role/fp_status/s is not authorized to perform: "
                         "s3:PutObject on resource: arn:aws:s3:::b/results/x because no identity-based policy "
                         "allows the s3:PutObject action",
                         denial_message(principal, check, Decision(False, "implicit-deny")))
        self.assertTrue(denial_message(principal, check, Decision(False, "explicit-deny"))
                        .endswith("with an explicit deny in an identity-based policy"))
        self.assertTrue(denial_message(principal, check, Decision(False, "boundary"))
                        .endswith("because no permissions boundary allows the s3:PutObject action"))

    def test_formats(self):
        status, headers, body = denial_answer("s3", "m", "query")
        self.assertEqual(403, status)
        self.assertIn(b"<Code>AccessDenied</Code>", body)
        status, headers, body = denial_answer("iam", "m", "query")
        self.assertEqual(403, status)
        self.assertIn(b"<ErrorResponse", body)
        status, headers, body = denial_answer("lambda", "m", "json")
        self.assertEqual((403, "AccessDeniedException"), (status, dict(headers)["x-amzn-ErrorType"]))
        status, headers, body = denial_answer("logs", "m", "json")
        self.assertEqual((400, "AccessDeniedException"), (status, json.loads(body)["__type"]))


if __name__ == "__main__":
    unittest.main()
