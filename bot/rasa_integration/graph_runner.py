"""Runs a trained Rasa graph node after node, in the process that serves it.

Rasa hands every prediction to dask's local scheduler, which also works out
the pruned graph and an execution order on every call; for our small graphs
that cost about as much as the NLU components themselves. The order only
depends on the targets, so it is worked out once per set of targets.
"""

from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


class SequentialGraphRunner(DaskGraphRunner):
    """DaskGraphRunner's results, without dask: same nodes, same inputs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: Dict[Tuple[Text, ...], List[Tuple[Text, Tuple[Text, ...]]]] = {}

    def _plan(self, targets: Sequence[Text]) -> List[Tuple[Text, Tuple[Text, ...]]]:
        """Each node the targets need, after the nodes it needs, with its inputs."""
        key = tuple(targets)
        if key not in self._plans:
            nodes = self._graph_schema.minimal_graph_schema(list(targets)).nodes
            plan: List[Tuple[Text, Tuple[Text, ...]]] = []
            placed: set = set()

            def place(name: Text) -> None:
                if name in placed or name not in nodes:
                    return  # placed already, or an input placeholder
                placed.add(name)
                needs = tuple(nodes[name].needs.values())
                for need in needs:
                    place(need)
                plan.append((name, needs))

            for target in targets:
                place(target)
            self._plans[key] = plan
        return self._plans[key]

    def run(self, inputs: Optional[Dict[Text, Any]] = None,
            targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
        run_targets = targets if targets else self._graph_schema.target_names
        plan = self._plan(run_targets)
        # Inputs travel as (name, value), as every node's output does; as in
        # Rasa's dask graph, an input named like a node takes the node's place.
        values: Dict[Text, Any] = {name: (name, value) for name, value in (inputs or {}).items()}
        try:
            for name, needs in plan:
                if name not in values:
                    values[name] = self._instantiated_nodes[name](*(values[n] for n in needs))
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        return dict(values[target] for target in run_targets)
