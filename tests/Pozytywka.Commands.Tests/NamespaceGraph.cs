using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pozytywka.Commands.Tests;

/// <summary>
/// Which namespaces of one project use which, as the compiler binds the code: every name that resolves to a type or
/// member declared in the project (extension method calls included) is an edge from the namespace of the file that
/// uses it to the namespace that declares it. Using directives and documentation are not uses.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly Dictionary<string, HashSet<string>> _edges = [];
    private readonly Dictionary<(string From, string To), string> _firstUse = [];

    /// <param name="sources">The project's source files.</param>
    /// <param name="references">Assemblies it compiles against; names bound to nothing are not edges.</param>
    public static NamespaceGraph Of(IEnumerable<string> sources, IEnumerable<string> references)
    {
        var trees = sources.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path)).ToList();
        var compilation = CSharpCompilation.Create("graph", trees, references.Select(r => MetadataReference.CreateFromFile(r)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var graph = new NamespaceGraph();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>().Where(n => !n.Ancestors().OfType<UsingDirectiveSyntax>().Any()))
            {
                var from = model.GetEnclosingSymbol(name.SpanStart)?.ContainingNamespace;
                var used = model.GetSymbolInfo(name).Symbol;
                if (from is null || used is null or INamespaceSymbol || !SymbolEqualityComparer.Default.Equals(used.ContainingAssembly, compilation.Assembly))
                    continue;
                var to = (used as ITypeSymbol ?? used.ContainingType)?.ContainingNamespace;
                if (to is not null)
                    graph.Add(from.ToDisplayString(), to.ToDisplayString(), $"{Path.GetFileName(tree.FilePath)} uses {used.ToDisplayString()}");
            }
        }
        return graph;
    }

    /// <summary>The sets of namespaces that reach each other (Tarjan's strongly connected components of two or more), each with a use along every edge.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var (index, low, stack, onStack, components) = (new Dictionary<string, int>(), new Dictionary<string, int>(), new Stack<string>(), new HashSet<string>(), new List<List<string>>());
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in _edges.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next) && index.TryGetValue(next, out var reached))
                    low[node] = Math.Min(low[node], reached);
            }
            if (low[node] != index[node])
                return;
            var component = new List<string>();
            string popped;
            do
            {
                popped = stack.Pop();
                onStack.Remove(popped);
                component.Add(popped);
            } while (popped != node);
            if (component.Count > 1)
                components.Add(component);
        }
        foreach (var node in _edges.Keys.ToList())
        {
            if (!index.ContainsKey(node))
                Visit(node);
        }
        return components.ConvertAll(c => string.Join("; ", _firstUse.Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} → {e.Key.To} ({e.Value})")));
    }

    private void Add(string from, string to, string use)
    {
        if (from == to)
            return;
        if (!_edges.TryGetValue(from, out var targets))
            _edges[from] = targets = [];
        targets.Add(to);
        _edges.TryAdd(to, []);
        _firstUse.TryAdd((from, to), use);
    }
}
