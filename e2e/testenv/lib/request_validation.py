"""Request validation of the AWS behaviour layer: checks a request against the service's published model (the
botocore service-2.json files installed with moto) the way AWS's front ends do before any work: each input
member's length (min/max), value range, enum and pattern. AWS answers a violation with a 400 whose message
lists every violation, e.g. "1 validation error detected: Value 'x...' at 'functionName' failed to satisfy
constraint: Member must have length less than or equal to 64" (docs/TESTING.md cites the sources).

The request is mapped to its operation by the protocol the model names:
  rest-json (Lambda, API Gateway): HTTP method + requestUri template; uri, querystring, header and body members
  json (CloudWatch Logs, SQS, CloudWatch's JSON form): X-Amz-Target "<prefix>.<Operation>", JSON body
  query (IAM, STS, CloudWatch's query form): Action=<Operation>, form body decoded by the input shape
  rest-xml (S3): method + requestUri; only uri, querystring and header members (the XML body is not read)
A request that maps to no operation, or a protocol not listed (CBOR), is not validated.
"""
import json
import re
import urllib.parse

from botocore.session import get_session

# Signing name (SigV4 credential scope) -> botocore service name, for the services the operator calls.
SERVICES = {"lambda": "lambda", "apigateway": "apigateway", "iam": "iam", "sqs": "sqs", "logs": "logs",
            "monitoring": "cloudwatch", "s3": "s3", "sts": "sts"}
# The error code each service answers a constraint violation with.
ERROR_CODES = {"logs": "InvalidParameterException", "apigateway": "BadRequestException",
               "iam": "ValidationError", "sts": "ValidationError", "cloudwatch": "ValidationError",
               "s3": "InvalidArgument"}
# The namespace of the query protocol's <ErrorResponse>, as each service sends it.
XML_NAMESPACES = {"iam": "https://iam.amazonaws.com/doc/2010-05-08/",
                  "sts": "https://sts.amazonaws.com/doc/2011-06-15/",
                  "cloudwatch": "http://monitoring.amazonaws.com/doc/2010-08-01/"}
CREDENTIAL = re.compile(r"Credential=[^/,\s]+/\d+/[^/]+/([^/]+)/")


class Violation(Exception):
    """The request breaks its model's constraints: code and message as the service answers them."""

    def __init__(self, service, protocol, code, message):
        super().__init__(message)
        self.service, self.protocol, self.code, self.message = service, protocol, code, message
        self.xmlns = XML_NAMESPACES.get(service, "")


class Validator:
    def __init__(self):
        self._session = get_session()
        self._models = {}
        self._routes = {}
        self._patterns = {}

    # --- public ----------------------------------------------------------------------------------------
    def check(self, method, path, query, headers, body):
        """Raises Violation when the request breaks its operation's input constraints."""
        m = CREDENTIAL.search(headers.get("Authorization") or "")
        service = SERVICES.get(m.group(1)) if m else None
        if not service:
            return
        model = self._model(service)
        found = self._operation(model, method, path, query, headers, body)
        if not found:
            return
        operation, protocol, value = found
        errors = []
        self._validate(value, operation.input_shape, "", errors, top=True)
        if errors:
            noun = "validation error" if len(errors) == 1 else "validation errors"
            message = f"{len(errors)} {noun} detected: " + "; ".join(errors)
            raise Violation(service, protocol, ERROR_CODES.get(service, "ValidationException"), message)

    # --- operation lookup ------------------------------------------------------------------------------
    def _model(self, service):
        if service not in self._models:
            self._models[service] = self._session.get_service_model(service)
        return self._models[service]

    def _operation(self, model, method, path, query, headers, body):
        content_type = (headers.get("Content-Type") or "").lower()
        target = headers.get("X-Amz-Target")
        params = urllib.parse.parse_qs(query, keep_blank_values=True)
        if target:
            operation = self._named(model, target.rsplit(".", 1)[-1])
            if operation is None:
                return None
            return operation, "json", json.loads(body or b"{}")
        if "x-www-form-urlencoded" in content_type and method == "POST" and model.protocol != "rest-json":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            operation = self._named(model, (form.get("Action") or [""])[0])
            if operation is None:
                return None
            flat = {k: v[0] for k, v in form.items()}
            return operation, "query", _from_query(flat, operation.input_shape, "")
        if model.protocol not in ("rest-json", "rest-xml"):
            return None
        route = self._route(model, method, path, params)
        if route is None:
            return None
        operation, uri_values = route
        return operation, model.protocol, self._rest_input(operation, model.protocol, uri_values, params,
                                                           headers, body)

    @staticmethod
    def _named(model, name):
        return model.operation_model(name) if name in model.operation_names else None

    def _route(self, model, method, path, params):
        """The operation whose requestUri template matches most specifically, and its uri values."""
        if model.service_name not in self._routes:
            routes = []
            for name in model.operation_names:
                operation = model.operation_model(name)
                http = operation.http
                template, _, literal_query = http.get("requestUri", "/").partition("?")
                regex, names = _uri_regex(template)
                keys = [q.split("=", 1)[0] for q in literal_query.split("&") if q]
                specificity = (len(re.sub(r"\{[^}]*\}", "", template)), len(keys))
                routes.append((http.get("method"), regex, names, keys, specificity, operation))
            routes.sort(key=lambda r: r[4], reverse=True)
            self._routes[model.service_name] = routes
        for http_method, regex, names, keys, _, operation in self._routes[model.service_name]:
            if http_method != method:
                continue
            m = regex.match(path)
            if m and all(k in params for k in keys):
                return operation, {name: urllib.parse.unquote(v) for name, v in zip(names, m.groups())}
        return None

    @staticmethod
    def _rest_input(operation, protocol, uri_values, params, headers, body):
        shape = operation.input_shape
        value = {}
        if shape is None:
            return value
        payload = shape.serialization.get("payload")
        document = None
        if protocol == "rest-json" and body and not payload:
            try:
                document = json.loads(body)
            except ValueError:
                document = None
        lowered = {k.lower(): v for k, v in headers.items()}
        for name, member in shape.members.items():
            location = member.serialization.get("location")
            wire = member.serialization.get("name", name)
            if location == "uri" and wire in uri_values:
                value[name] = _scalar(uri_values[wire], member)
            elif location == "querystring" and wire in params:
                values = params[wire]
                value[name] = values if member.type_name == "list" else _scalar(values[0], member)
            elif location == "header" and wire.lower() in lowered:
                value[name] = _scalar(lowered[wire.lower()], member)
            elif location is None and isinstance(document, dict) and wire in document:
                value[name] = document[wire]
        return value

    # --- constraints -----------------------------------------------------------------------------------
    def _validate(self, value, shape, where, errors, top=False):
        if shape is None or value is None:
            return
        kind = shape.type_name
        if kind == "structure":
            if not isinstance(value, dict):
                return
            for name, member in shape.members.items():
                wire = member.serialization.get("name", name) if not top else name
                key = name if name in value else wire
                if key in value:
                    self._validate(value[key], member, _path(where, name), errors)
            return
        if kind == "list":
            if not isinstance(value, list):
                return
            self._length(value, len(value), shape, where, errors)
            for i, item in enumerate(value, 1):
                self._validate(item, shape.member, f"{where}.{i}.member", errors)
            return
        if kind == "map":
            if not isinstance(value, dict):
                return
            self._length(value, len(value), shape, where, errors)
            for k, v in value.items():
                self._validate(k, shape.key, f"{where}.{k}.key", errors)
                self._validate(v, shape.value, f"{where}.{k}.value", errors)
            return
        if kind == "string":
            if not isinstance(value, str):
                return
            self._length(value, len(value), shape, where, errors)
            if shape.enum and value not in shape.enum:
                errors.append(_failed(value, where, "Member must satisfy enum value set: [" +
                                      ", ".join(shape.enum) + "]"))
            pattern = shape.metadata.get("pattern")
            if pattern and not self._matches(pattern, value):
                errors.append(_failed(value, where, f"Member must satisfy regular expression pattern: {pattern}"))
            return
        if kind in ("integer", "long", "float", "double"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return
            if "min" in shape.metadata and value < shape.metadata["min"]:
                errors.append(_failed(value, where,
                                      f"Member must have value greater than or equal to {shape.metadata['min']}"))
            if "max" in shape.metadata and value > shape.metadata["max"]:
                errors.append(_failed(value, where,
                                      f"Member must have value less than or equal to {shape.metadata['max']}"))

    @staticmethod
    def _length(value, length, shape, where, errors):
        if "min" in shape.metadata and length < shape.metadata["min"]:
            errors.append(_failed(value, where,
                                  f"Member must have length greater than or equal to {shape.metadata['min']}"))
        if "max" in shape.metadata and length > shape.metadata["max"]:
            errors.append(_failed(value, where,
                                  f"Member must have length less than or equal to {shape.metadata['max']}"))

    def _matches(self, pattern, value):
        """Full match, as AWS's (Java) validators do; a pattern Python cannot compile (\\p{..}) is not checked."""
        if pattern not in self._patterns:
            try:
                self._patterns[pattern] = re.compile(pattern, re.DOTALL)
            except re.error:
                self._patterns[pattern] = None
        compiled = self._patterns[pattern]
        return compiled is None or compiled.fullmatch(value) is not None


def _uri_regex(template):
    """A requestUri template ("/2015-03-31/functions/{FunctionName}/code", "/{Bucket}/{Key+}") as a regex and
    the names of its variables, in order; a "+" variable spans slashes."""
    parts, names, pos = ["^"], [], 0
    for m in re.finditer(r"\{([^}+]+)(\+?)\}", template):
        parts.append(re.escape(template[pos:m.start()]))
        parts.append("(.+)" if m.group(2) else "([^/]+)")
        names.append(m.group(1))
        pos = m.end()
    parts.append(re.escape(template[pos:]).rstrip("/") if pos < len(template) else "")
    regex = "".join(parts)
    return re.compile(regex.rstrip("/") + "/?$" if regex != "^" else "^/?$"), names


def _scalar(text, shape):
    if shape.type_name in ("integer", "long"):
        try:
            return int(text)
        except ValueError:
            return text
    if shape.type_name in ("float", "double"):
        try:
            return float(text)
        except ValueError:
            return text
    return text


def _path(where, name):
    member = name[:1].lower() + name[1:]
    return f"{where}.{member}" if where else member


def _failed(value, where, constraint):
    shown = value if not isinstance(value, (dict, list)) else json.dumps(value)
    return f"Value '{shown}' at '{where}' failed to satisfy constraint: {constraint}"


def _from_query(form, shape, prefix):
    """The input structure of a query-protocol request (Action=...&Tags.member.1.Key=...), guided by its shape."""
    if shape is None:
        return None
    kind = shape.type_name
    if kind == "structure":
        value = {}
        for name, member in shape.members.items():
            wire = member.serialization.get("name", name)
            key = f"{prefix}.{wire}" if prefix else wire
            if key in form or any(k.startswith(key + ".") for k in form):
                value[name] = _from_query(form, member, key)
        return value
    if kind == "list":
        item = "" if shape.serialization.get("flattened") else "." + shape.member.serialization.get("name", "member")
        items, i = [], 1
        while f"{prefix}{item}.{i}" in form or any(k.startswith(f"{prefix}{item}.{i}.") for k in form):
            items.append(_from_query(form, shape.member, f"{prefix}{item}.{i}"))
            i += 1
        return items
    if kind == "map":
        entry = "" if shape.serialization.get("flattened") else ".entry"
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        result, i = {}, 1
        while f"{prefix}{entry}.{i}.{key_name}" in form:
            result[form[f"{prefix}{entry}.{i}.{key_name}"]] = _from_query(
                form, shape.value, f"{prefix}{entry}.{i}.{value_name}")
            i += 1
        return result
    return _scalar(form.get(prefix), shape) if prefix in form else None
