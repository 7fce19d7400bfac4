"""Our apps import one another one way only.

Shared page parts (home.mixins, home.blocks) come first, then the page types that build on
them (projects, then news, which links projects, then home, which shows the latest news).
An import placed inside a function hides a cycle instead of removing it, so none is allowed,
except in an AppConfig's ready(), where Django expects imports that need the app registry.

The modules are read with `ast`, not imported, so a cycle is found even where it happens to
work today because of the order in which Django loads things.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["cleantech_site", "home", "news", "projects", "forms", "search", "roles"]
SKIPPED_DIRECTORIES = {"migrations", "tests", "__pycache__"}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules():
    """{dotted name: (path, is a package)} for every module of our apps."""
    modules = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT / app).parts
            if SKIPPED_DIRECTORIES.intersection(relative[:-1]):
                continue
            modules[module_name(path)] = (path, path.name == "__init__.py")
    return modules


def ancestors(name):
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


class ImportCollector(ast.NodeVisitor):
    """Every import statement of one module, each with the function it sits in (if any)."""

    def __init__(self):
        self.imports = []  # (node, outermost enclosing function or None, is in ready())
        self._classes = []
        self._functions = []

    def visit_ClassDef(self, node):
        bases = {getattr(base, "id", None) or getattr(base, "attr", None) for base in node.bases}
        self._classes.append("AppConfig" in bases)
        self.generic_visit(node)
        self._classes.pop()

    def _visit_function(self, node):
        # ready() of an AppConfig, directly in the class body.
        in_app_config = bool(self._classes) and self._classes[-1]
        in_ready = node.name == "ready" and in_app_config and not self._functions
        self._functions.append((node.name, in_ready))
        self.generic_visit(node)
        self._functions.pop()

    visit_FunctionDef = _visit_function
    visit_AsyncFunctionDef = _visit_function

    def _visit_import(self, node):
        # The outermost function decides: an import in a function nested in ready() is
        # still run by ready().
        name, in_ready = self._functions[0] if self._functions else (None, False)
        self.imports.append((node, name, in_ready))

    visit_Import = _visit_import
    visit_ImportFrom = _visit_import


def imported_modules(node, importer, is_package, modules):
    """The modules of ours that one import statement runs (the named ones and their packages)."""
    targets = []
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        if node.level:
            package = importer if is_package else importer.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{node.module}" if node.module else package
        else:
            base = node.module
        targets = [base]
        # `from package import module` imports the module too.
        targets += [f"{base}.{alias.name}" for alias in node.names]
    found = set()
    own_packages = set(ancestors(importer))
    for target in targets:
        # A package the importer is in is being imported already: importing it again from
        # inside does not run it, so it is no edge (projects.models.pages -> .snippets).
        for name in [*ancestors(target), target]:
            if name in modules and name not in own_packages and name != importer:
                found.add(name)
    return found


def analyse():
    """(graph {module: {imported modules}}, [imports inside functions as text])."""
    modules = our_modules()
    graph = {name: set() for name in modules}
    inside_functions = []
    for name, (path, is_package) in modules.items():
        collector = ImportCollector()
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for node, function, in_ready in collector.imports:
            graph[name] |= imported_modules(node, name, is_package, modules)
            if function and not in_ready:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                inside_functions.append(f"{where} in {function}(): {ast.unparse(node)}")
    return graph, inside_functions


def find_cycles(graph):
    """One cycle per strongly connected group of modules, as [a, b, ..., a]."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def connect(node):
        # Tarjan's algorithm; our graph is small enough for recursion.
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                connect(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [cycle_through(group, graph) for group in groups]


def cycle_through(group, graph):
    """A shortest path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for successor in sorted(graph[node] & group):
            if successor == start:
                return paths[node] + [start]
            if successor not in paths:
                paths[successor] = paths[node] + [successor]
                queue.append(successor)
    return sorted(group)


def test_the_analysis_sees_our_apps_and_their_imports():
    # A guard against an analysis that silently finds nothing.
    graph, _ = analyse()
    assert {"home.mixins", "projects.models"} <= graph["news.models"]
    # `from . import mail` and `from .builder import X` both count.
    assert {"forms.mail", "forms.builder"} <= graph["forms.models"]
    # Importing a package's module runs the package's __init__ too...
    assert {"projects.models", "projects.models.pages"} <= graph["news.wagtail_hooks"]
    # ...but not from inside that package, where it is already being imported.
    assert "projects.models" not in graph["projects.models.pages"]


def test_no_import_cycle_between_our_modules():
    graph, _ = analyse()
    cycles = [" -> ".join(cycle) for cycle in find_cycles(graph)]
    assert not cycles, "Import cycles between our modules:\n" + "\n".join(cycles)


def test_no_import_inside_a_function():
    _, inside_functions = analyse()
    assert not inside_functions, (
        "Imports inside functions (move them to the top of the module; if that makes a "
        "cycle, change which module depends on which):\n" + "\n".join(inside_functions)
    )


def test_the_cycle_finder_names_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert sorted(find_cycles(graph)) == [["a", "b", "c", "a"], ["e", "e"]]
