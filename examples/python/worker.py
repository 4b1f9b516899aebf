"""Example: a worker serving the custom task type `example.enrich` with the SDK's worker loop.

    pip install ./sdk/python
    python examples/python/worker.py HOST:PORT [MAX_TASKS]

It greets the customer named in the task input; a task without one is failed with the node error
`missing_customer`, which the workflow sees. With MAX_TASKS it stops after that many tasks and
checks each outcome it reported.
"""

from __future__ import annotations

import sys

import prana

TASK_TYPE = "example.enrich"


def enrich(task, data):  # type: ignore[no-untyped-def]
    customer = (data or {}).get("customer")
    if not isinstance(customer, str) or customer == "":
        raise prana.TaskFailure("missing_customer", "the task input names no customer", {"task_id": task.task_id})
    return prana.TaskResult(output={"greeting": f"Hello, {customer.upper()}", "vip": customer == "ada"})


def main() -> None:
    target = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:50051"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    with prana.Client(target) as client:
        worker = prana.Worker(client, "example-python-worker", [TASK_TYPE], enrich, lease_seconds=30)
        handled = worker.run(max_tasks=limit)
        assert limit is None or handled == limit, f"handled {handled} tasks, expected {limit}"
        print(f"python worker: served {handled} {TASK_TYPE} task(s)")


if __name__ == "__main__":
    main()
