using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Pozytywka.Listening.Model;
using Pozytywka.StreamProcessor.Api;
using Pozytywka.StreamProcessor.Configuration;
using Pozytywka.StreamProcessor.Evaluation;
using Pozytywka.StreamProcessor.Experiments;
using Pozytywka.Listening.Hints;
using Pozytywka.StreamProcessor.Kafka;
using Pozytywka.StreamProcessor.Models;
using Pozytywka.StreamProcessor.Store;
using Pozytywka.StreamProcessor.Scoring;
using Pozytywka.StreamProcessor.Sink;
using Pozytywka.StreamProcessor.State;
using Pozytywka.StreamProcessor.Streaming;
using Serilog;
using Serilog.Formatting.Compact;
using Pozytywka.StreamProcessor.Diagnostics;

namespace Pozytywka.StreamProcessor;

public static class Extensions
{
    /// <summary>
    /// Registers what this process runs (<see cref="ProcessorOptions.Role"/>): options, Kafka clients, the store,
    /// metrics and logging always; the catalog, models, stream worker and API for the stream; the outcome sink.
    /// </summary>
    public static void AddStreamProcessor(this IHostApplicationBuilder builder)
    {
        var role = ProcessorOptions.From(builder.Configuration);
        var services = builder.Services;
        services.AddSection<ProcessorOptions>();
        services.AddSection<KafkaOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSection<ProducerRetryOptions>();
        services.AddSection<StoreOptions>()
            .Validate(o => o.Retention is null || o.Retention > TimeSpan.Zero, "Store:Retention must be positive (or unset, to keep everything)")
            .Validate(o => o.RetentionSweepInterval > TimeSpan.Zero, "Store:RetentionSweepInterval must be positive")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StreamMetrics>();
        services.AddSingleton(sp => PredictionStoreFactory.Open(sp.GetRequiredService<IOptions<StoreOptions>>().Value, Logger(sp, "Store")));
        services.AddSingleton(sp => new ReliableProducer(sp.GetRequiredService<IOptions<KafkaOptions>>().Value.BootstrapServers,
            sp.GetRequiredService<IOptions<ProducerRetryOptions>>().Value, (e, delay) => Logger(sp, "Kafka").DeliveryRetried(e, delay)));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.ExplainBodyRejection);
        var health = services.AddHealthChecks();
        if (role.RunsStream)
        {
            builder.AddStreamWorker();
            builder.AddPredictionApi();
            health.AddCheck<ScoringReadyCheck>("scoring", tags: [HealthTags.Ready]);
            health.AddCheck<PublishingHealthCheck>("publishing", tags: [HealthTags.Ready]);
        }
        if (role.RunsSink)
        {
            services.AddSection<SinkOptions>().ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<StoreWriteStatus>();
            services.AddHostedService<OutcomeSink>();
            services.AddHostedService<RetentionSweep>();
            // A sink on its own is ready when it can write; beside the stream, a store outage must not take the API out of rotation.
            health.AddCheck<SinkHealthCheck>("sink", tags: role.RunsStream ? [HealthTags.Sink] : [HealthTags.Sink, HealthTags.Ready]);
        }
        services.AddSerilog((_, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(new RenderedCompactJsonFormatter()));
    }

    /// <summary>Catalog, models, the scoring pipeline and the Kafka worker that feeds it.</summary>
    private static void AddStreamWorker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSection<StreamingOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSection<CacheHintOptions>();
        services.AddSection<ScoringOptions>().ValidateDataAnnotations()
            .Validate(o => o.DataDirectory.Length > 0 && o.ModelsDirectory.Length > 0, "Scoring:DataDirectory and Scoring:ModelsDirectory must be set (serve --data DIR --models DIR)")
            .Validate(o => o.SessionIdleTimeout > TimeSpan.Zero, "Scoring:SessionIdleTimeout must be positive")
            .Validate(o => o.ListenerIdleTimeout >= o.SessionIdleTimeout, "Scoring:ListenerIdleTimeout must be at least Scoring:SessionIdleTimeout")
            .ValidateOnStart();
        services.AddSection<ModelRegistryOptions>();

        services.AddSingleton(sp => ScoringSetup.LoadCatalog(sp.GetRequiredService<IOptions<ScoringOptions>>().Value, Logger(sp, "Catalog")));
        services.AddSingleton(sp => new ModelRegistry(sp.GetRequiredService<IOptions<ScoringOptions>>().Value.ModelsDirectory,
            sp.GetRequiredService<Listening.Catalog.Catalog>(), TorchDevices.WithCpuThreads(sp.GetRequiredService<IOptions<ScoringOptions>>().Value.Device,
                sp.GetRequiredService<IOptions<ScoringOptions>>().Value.CpuThreads),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ModelRegistry>>(), sp.GetRequiredService<StreamMetrics>().ErrorsHandled,
            sp.GetRequiredService<CacheDecisionPolicy>(), sp.GetRequiredService<IOptions<ScoringOptions>>().Value.ListenerHistory));
        services.AddHostedService<ModelDirectoryWatcher>();
        services.AddSingleton(sp => ScoringSetup.LoadExperiment(sp.GetRequiredService<IOptions<ScoringOptions>>().Value,
            sp.GetRequiredService<ModelRegistry>(), Logger(sp, "Models")));
        services.AddSingleton(sp => new CacheDecisionPolicy(sp.GetRequiredService<IOptions<CacheHintOptions>>().Value));
        // One per stream thread, with its task manager.
        services.AddTransient(sp => new PlayScoringPipeline(sp.GetRequiredService<Listening.Catalog.Catalog>(), sp.GetRequiredService<ScoringExperiment>(),
            sp.GetRequiredService<CacheDecisionPolicy>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ScoringOptions>>().Value.ListenerHistory,
            sp.GetRequiredService<IOptions<ScoringOptions>>().Value.StateLimits));

        services.AddSingleton<EffectsPublisher>();
        services.AddSingleton<PublishingStatus>();
        services.AddSingleton<ChangelogTopic>();
        services.AddSingleton<StateChangelogWriter>();
        services.AddSingleton<ChangelogRestorer>();
        services.AddSingleton<BatchSender>();
        services.AddTransient<TaskManager>();
        services.AddSingleton(sp => new LiveEvaluation(sp.GetRequiredService<TimeProvider>(),
            new TrackBytes(sp.GetRequiredService<Listening.Catalog.Catalog>(), sp.GetRequiredService<IOptions<CacheHintOptions>>().Value.AudioKbps)));
        services.AddSingleton<OnlineMetricsGauges>();
        services.AddHostedService<StreamWorker>();
    }

    /// <summary>The HTTP API: predictions logged to the predictions topic, outcomes, experiments, online metrics; problem details for every error.</summary>
    private static void AddPredictionApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSection<ApiOptions>();
        // Its own producer without linger: a request waits for its one record's acknowledgement, so nothing is gained by waiting for others.
        services.AddSingleton(sp => new PredictionLog(new ReliableProducer(sp.GetRequiredService<IOptions<KafkaOptions>>().Value.BootstrapServers,
                new ProducerRetryOptions { Linger = TimeSpan.Zero, MessageTimeout = sp.GetRequiredService<IOptions<ApiOptions>>().Value.PredictionLogTimeout },
                (e, delay) => Logger(sp, "Kafka").DeliveryRetried(e, delay)),
            sp.GetRequiredService<IOptions<KafkaOptions>>(), sp.GetRequiredService<IOptions<ApiOptions>>().Value.PredictionLogTimeout));
        services.AddSingleton<PredictionService>();
        services.AddSingleton<DynamicBatcher>();
        services.AddSingleton<RecentPredictions>();
        services.AddSingleton<OnlineEvaluator>();
        services.AddSingleton<ExperimentReporter>();
        services.AddOpenApi();
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize =
            builder.Configuration.GetSection(ConfigurationCatalog.SectionOf<ApiOptions>()).Get<ApiOptions>()?.MaxRequestBodyBytes ?? new ApiOptions().MaxRequestBodyBytes);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<UnreadableRequestHandler>();
        services.AddExceptionHandler<UnavailableLogHandler>();
        services.AddExceptionHandler<UnavailableStoreHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
    }

    private static Microsoft.Extensions.Logging.ILogger Logger(IServiceProvider services, string category) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger($"Pozytywka.StreamProcessor.{category}");

    /// <summary>Options bound from their section as <see cref="ConfigurationCatalog.Sections"/> maps it: the one place the map is written.</summary>
    private static OptionsBuilder<TOptions> AddSection<TOptions>(this IServiceCollection services) where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(ConfigurationCatalog.SectionOf<TOptions>());
}
