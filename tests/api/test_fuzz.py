"""Schemathesis against the app's own OpenAPI schema: every operation, a bounded number of examples."""

import os

import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from hypothesis import HealthCheck, given, settings

from tests.conftest import SEEDS

# Bounded so the whole run stays within a minute or two on 2 cores (each /ask may run the model).
DEFAULT_FUZZ_EXAMPLES = 25
# FUZZ_EXAMPLES=500 make test digs deeper locally.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", DEFAULT_FUZZ_EXAMPLES))
KEY = "fuzz-key-123"


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, embedder, local_llm):
    from api.app import create_app
    from rag.answer import Answerer
    from rag.library import Library
    from rag.settings import load_settings

    config = load_settings(data_dir=tmp_path_factory.mktemp("fuzz") / "data", seeds_dir=SEEDS, api_key=KEY)
    library = Library.from_settings(config, embedder=embedder)
    library.ingest_folder(SEEDS)
    app = create_app(config, Answerer.from_settings(config, library=library, llm=local_llm))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def operation_cases() -> list:
    """(operation, mode) for every operation; invalid bodies only where there is a body to get wrong.

    Building the app loads no model, so this is cheap at collection time.
    """
    from api.app import create_app
    from rag.settings import load_settings

    paths = create_app(load_settings()).openapi()["paths"]
    out = []
    for path, ops in paths.items():
        for method, op in ops.items():
            label = f"{method.upper()} {path}"
            out.append(pytest.param(label, GenerationMode.POSITIVE, id=f"{label} valid"))
            if "requestBody" in op:
                out.append(pytest.param(label, GenerationMode.NEGATIVE, id=f"{label} invalid"))
    return out


# Semantic rules the schema cannot state (the last chat message must be the user's, the length limit
# is a setting, dates must be in order) answer 400/413 to some schema-valid requests, by design, so the
# check that every schema-valid request gets a 2xx is left out; every other check runs, in both modes.
EXCLUDED = [positive_data_acceptance]


# schemathesis' own pytest loader does not run under pytest 9; its strategies drive hypothesis directly.
@pytest.mark.parametrize("label,mode", operation_cases())
def test_api_fuzz_finds_no_server_error_and_no_schema_violation(api_schema, label, mode):
    operation = api_schema.find_operation_by_label(label)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    def check(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {KEY}"}, excluded_checks=EXCLUDED)

    check()
