using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Pozytywka.Listening.Model;
using Pozytywka.StreamProcessor.Api;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.StreamProcessor.Hints;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Models;
using Pozytywka.StreamProcessor.Outcomes;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Streaming;
using Serilog;
using Serilog.Formatting.Compact;

namespace Pozytywka.StreamProcessor;

public static class Extensions
{
    /// <summary>Registers the whole processor: options, catalog and models, store, Kafka clients, the worker, the API, metrics and logging.</summary>
    public static void AddStreamProcessor(this IHostApplicationBuilder builder)
    {
        EmbeddedKafka.StartWhenUnconfigured(builder);
        var services = builder.Services;
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName);
        services.AddOptions<ProducerRetryOptions>().BindConfiguration($"{KafkaOptions.SectionName}:ProducerRetry");
        services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName);
        services.AddOptions<CacheHintOptions>().BindConfiguration(CacheHintOptions.SectionName);
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.SectionName)
            .Validate(o => o.DataDirectory.Length > 0 && o.ModelsDirectory.Length > 0, "Scoring:DataDirectory and Scoring:ModelsDirectory must be set (serve --data DIR --models DIR)")
            .ValidateOnStart();
        services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.SectionName);
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ScoringSetup.LoadCatalog(sp.GetRequiredService<IOptions<ScoringOptions>>().Value, Logger(sp, "Catalog")));
        services.AddSingleton(sp => new ModelRegistry(sp.GetRequiredService<IOptions<ScoringOptions>>().Value.ModelsDirectory,
            sp.GetRequiredService<Listening.Catalog.Catalog>(), TorchDevices.Resolve(sp.GetRequiredService<IOptions<ScoringOptions>>().Value.Device),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ModelRegistry>>(), sp.GetRequiredService<IOptions<ScoringOptions>>().Value.ListenerHistory));
        services.AddHostedService<ModelDirectoryWatcher>();
        services.AddSingleton(sp => ScoringSetup.LoadExperiment(sp.GetRequiredService<IOptions<ScoringOptions>>().Value,
            sp.GetRequiredService<ModelRegistry>(), Logger(sp, "Models")));
        services.AddSingleton(sp => new CacheDecisionPolicy(sp.GetRequiredService<IOptions<CacheHintOptions>>().Value));
        services.AddSingleton(sp => new PlayScoringPipeline(sp.GetRequiredService<Listening.Catalog.Catalog>(), sp.GetRequiredService<ScoringExperiment>(),
            sp.GetRequiredService<CacheDecisionPolicy>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ScoringOptions>>().Value.ListenerHistory));

        services.AddSingleton(sp => PredictionStoreFactory.Open(sp.GetRequiredService<IOptions<StoreOptions>>().Value, Logger(sp, "Store")));
        services.AddSingleton<IPredictionStore>(sp => sp.GetRequiredService<ResilientPredictionStore>());
        services.AddSingleton(sp => new GroupCommitWriter(sp.GetRequiredService<ResilientPredictionStore>()));
        services.AddSingleton(sp => Kafka<CacheHintPublisher>(sp, (k, retry) => new CacheHintPublisher(k.BootstrapServers, k.CacheHintsTopic, retry)));
        services.AddSingleton(sp => Kafka<DeadLetterPublisher>(sp, (k, retry) => new DeadLetterPublisher(k.BootstrapServers, k.DeadLetterTopic, retry)));

        services.AddSingleton<StreamMetrics>();
        services.AddSingleton<BatchEffectsWriter>();
        services.AddSingleton<PartitionStateRebuilder>();
        services.AddSingleton<OnlineEvaluator>();
        services.AddSingleton<LiveEvaluation>();
        services.AddSingleton<OnlineMetricsGauges>();
        services.AddHostedService<SessionEventConsumer>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));

        services.AddSingleton<PredictionService>();
        services.AddSingleton<ExperimentReporter>();
        services.AddOpenApi();
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize =
            builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>()?.MaxRequestBodyBytes ?? new ApiOptions().MaxRequestBodyBytes);

        services.AddHealthChecks().AddCheck<ScoringReadyCheck>("scoring", tags: [ScoringReadyCheck.ReadyTag]);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.ExplainBodyRejection);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<UnreadableRequestHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddSerilog((_, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(new RenderedCompactJsonFormatter()));
    }

    private static Microsoft.Extensions.Logging.ILogger Logger(IServiceProvider services, string category) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger($"Pozytywka.StreamProcessor.{category}");

    private static T Kafka<T>(IServiceProvider services, Func<KafkaOptions, ProducerRetryOptions, T> create) =>
        create(services.GetRequiredService<IOptions<KafkaOptions>>().Value, services.GetRequiredService<IOptions<ProducerRetryOptions>>().Value);
}
