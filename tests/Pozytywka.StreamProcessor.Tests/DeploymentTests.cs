using System.Diagnostics;
using Pozytywka.StreamProcessor.Configuration;
using YamlDotNet.RepresentationModel;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// docker-compose.yml is parsed and validated by docker-compose itself (no engine needed), and every
/// environment variable it or a Dockerfile sets for our services must be a setting those services read.
/// </summary>
public class DeploymentTests
{
    [Fact]
    public async Task Compose_validates_and_sets_only_environment_variables_the_services_read()
    {
        if (!Repository.OnPath("docker-compose"))
            Assert.Skip("docker-compose is not installed; ./pozytywka setup installs it (Debian package docker-compose)");
        var resolved = await ComposeConfigAsync("--profile gpu --profile train config");
        var services = (YamlMappingNode)((YamlMappingNode)Parse(resolved).Children[new YamlScalarNode("services")]);

        var ours = services.Children.Where(s => ((YamlMappingNode)s.Value).Children.ContainsKey(new YamlScalarNode("build"))).ToList();
        Assert.Equal(["outcome-sink", "stream-processor", "stream-processor-gpu", "trainer", "trainer-gpu"], ours.Select(s => s.Key.ToString()).Order());
        foreach (var (name, definition) in ours.Select(s => (s.Key.ToString(), (YamlMappingNode)s.Value)))
        {
            var dockerfile = ((YamlMappingNode)definition.Children[new YamlScalarNode("build")]).Children[new YamlScalarNode("dockerfile")].ToString();
            var isProcessor = dockerfile.Contains("StreamProcessor", StringComparison.Ordinal);
            foreach (var variable in EnvironmentOf(definition))
                Assert.True(isProcessor ? ConfigurationCatalog.IsRead(variable) : IsFrameworkSetting(variable), $"{name} sets {variable}, which it never reads");
        }
    }

    [Fact]
    public void Create_topics_makes_every_topic_the_processor_uses_and_a_changelog_partitioned_like_sessions()
    {
        var topics = File.ReadLines(Path.Combine(Repository.Root, "kafka", "topics.conf"))
            .Where(line => line.Trim() is { Length: > 0 } trimmed && !trimmed.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(fields => fields[0], fields => (Partitions: int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), Cleanup: fields[3]));

        Assert.Equal(Kafka.KafkaTopics.All.Order(), topics.Keys.Order());
        var changelog = topics[Kafka.KafkaTopics.StateChangelogOf(new Kafka.KafkaOptions().GroupId)];
        Assert.Equal((topics[Kafka.KafkaTopics.Sessions].Partitions, "compact"), (changelog.Partitions, changelog.Cleanup));
    }

    [Fact]
    public void Dockerfiles_set_only_environment_variables_the_services_read()
    {
        var processorVariables = EnvLines(Path.Combine(Repository.Root, "src", "StreamProcessor", "Dockerfile")).ToList();
        Assert.NotEmpty(processorVariables);
        Assert.All(processorVariables, v => Assert.True(ConfigurationCatalog.IsRead(v), $"the processor's Dockerfile sets {v}, which it never reads"));
        Assert.All(EnvLines(Path.Combine(Repository.Root, "src", "Trainer", "Dockerfile")), v => Assert.True(IsFrameworkSetting(v), $"the Trainer's Dockerfile sets {v}"));
    }

    [Fact]
    public void A_misspelt_setting_is_not_taken_for_one_that_is_read()
    {
        Assert.True(ConfigurationCatalog.IsRead("Kafka__BootstrapServers"));
        Assert.True(ConfigurationCatalog.IsRead("Scoring__Variants__1__Model"));
        Assert.True(ConfigurationCatalog.IsRead("CacheHints__Plan__MinBufferSeconds"));
        Assert.False(ConfigurationCatalog.IsRead("CacheHints__PrefetchAtOrAbove__SLOW"));
        Assert.False(ConfigurationCatalog.IsRead("Kafka__BootstrapServer"));
        Assert.False(ConfigurationCatalog.IsRead("Scoring__Variants__1__Modle"));
        Assert.False(ConfigurationCatalog.IsRead("Store__Mongo"));
    }

    [Fact]
    public void The_operations_guide_lists_every_setting()
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "docs", "operations.md"));
        Assert.All(ConfigurationCatalog.Keys(), key => Assert.Contains($"`{key.EnvironmentVariable}`", guide, StringComparison.Ordinal));
    }

    private static bool IsFrameworkSetting(string variable) =>
        ConfigurationCatalog.FrameworkPrefixes.Any(p => variable.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> EnvironmentOf(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("environment"), out var environment)
            ? ((YamlMappingNode)environment).Children.Keys.Select(k => k.ToString())
            : [];

    private static IEnumerable<string> EnvLines(string dockerfile) =>
        File.ReadAllLines(dockerfile)
            .Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .Select(line => line[4..].Split('=', ' ')[0]);

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static async Task<string> ComposeConfigAsync(string arguments)
    {
        var start = new ProcessStartInfo("docker-compose", $"-f {Path.Combine(Repository.Root, "docker-compose.yml")} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"docker-compose config rejected the file: {await error}");
        return await output;
    }
}
