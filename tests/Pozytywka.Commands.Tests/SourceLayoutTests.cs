namespace Pozytywka.Commands.Tests;

/// <summary>
/// The layout of src/: in every project the namespaces (one per folder) use each other without a cycle, so a folder
/// can be read knowing only the folders below it, and every piece of state is owned where its folder says.
/// </summary>
public class SourceLayoutTests
{
    [Fact]
    public void No_project_under_src_has_a_namespace_cycle()
    {
        var projects = Directory.GetDirectories(Path.Combine(Workspace.RepositoryRoot, "src"));
        Assert.NotEmpty(projects);
        var cycles = projects.SelectMany(project => NamespaceGraph.Of(Sources(project), References(project)).Cycles()
            .Select(cycle => $"{Path.GetFileName(project)}: {cycle}")).ToList();
        Assert.True(cycles.Count == 0, string.Join("\n", cycles));
    }

    [Fact]
    public void A_cycle_through_an_extension_method_call_is_seen()
    {
        var directory = Workspace.NewDirectory();
        File.WriteAllText(Path.Combine(directory, "Log.cs"), """
            namespace Sample.Logging;
            public static class Log { public static void Said(this string text, Sample.Work.Job job) { } }
            """);
        File.WriteAllText(Path.Combine(directory, "Job.cs"), """
            using Sample.Logging;
            namespace Sample.Work;
            public sealed class Job { public void Run() => "ran".Said(this); }
            """);

        var cycles = NamespaceGraph.Of(Directory.GetFiles(directory), Framework()).Cycles();

        Assert.Equal(["Sample.Logging → Sample.Work (Log.cs uses Sample.Work.Job); Sample.Work → Sample.Logging (Job.cs uses string.Said(Sample.Work.Job))"],
            cycles.Select(c => string.Join("; ", c.Split("; ").Order(StringComparer.Ordinal))));
    }

    private static IEnumerable<string> Sources(string project) => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
        .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The shared frameworks, then the packages and projects the build copied beside the project's own assembly (which the sources replace).</summary>
    private static IEnumerable<string> References(string project)
    {
        var framework = Framework().ToList();
        var known = framework.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var output = Directory.GetDirectories(Path.Combine(project, "bin", "Release")).Single();
        var own = Path.GetFileName(Directory.GetFiles(project, "*.csproj").Single())[..^".csproj".Length] + ".dll";
        return framework.Concat(Directory.GetFiles(output, "*.dll").Where(dll => Path.GetFileName(dll) != own && !known.Contains(Path.GetFileName(dll))));
    }

    private static IEnumerable<string> Framework()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var major = Path.GetFileName(runtime).Split('.')[0] + ".";
        var aspNetVersions = Path.Combine(runtime, "..", "..", "Microsoft.AspNetCore.App");
        var aspNet = Directory.Exists(aspNetVersions)
            ? Directory.GetDirectories(aspNetVersions).Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal)).MaxBy(d => Version.Parse(Path.GetFileName(d).Split('-')[0]))
            : null;
        return Directory.GetFiles(runtime, "*.dll").Concat(aspNet is null ? [] : Directory.GetFiles(aspNet, "*.dll"))
            .Where(dll => !Path.GetFileName(dll).StartsWith("Microsoft.DiaSymReader", StringComparison.Ordinal));
    }
}
