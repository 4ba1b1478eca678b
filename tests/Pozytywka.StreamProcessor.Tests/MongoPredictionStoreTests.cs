using DotNet.Testcontainers.Builders;
using Pozytywka.StreamProcessor.Store;
using Testcontainers.MongoDb;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>
/// The contract against MongoDB: the server at <c>MONGODB_URI</c> when set, else a Testcontainers MongoDB when a
/// Docker engine answers; otherwise every case reports itself skipped with the reason.
/// </summary>
public sealed class MongoPredictionStoreTests : PredictionStoreContract, IAsyncLifetime
{
    private MongoDbContainer? _container;
    private string? _connectionString;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        _connectionString = Environment.GetEnvironmentVariable("MONGODB_URI");
        if (_connectionString is not null)
            return;
        try
        {
            _container = new MongoDbBuilder("mongo:8.0").Build();
            await _container.StartAsync();
            _connectionString = _container.GetConnectionString();
        }
        catch (Exception e) when (e is DockerUnavailableException or TimeoutException or InvalidOperationException)
        {
            _unavailable = $"MongoDB is not available: MONGODB_URI is not set and no Docker engine answered ({e.GetType().Name})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
            await _container.DisposeAsync();
    }

    // Each test gets its own database, so tests never see each other's documents.
    protected override Task<IPredictionStore> OpenStoreAsync()
    {
        if (_unavailable is not null)
            Assert.Skip(_unavailable);
        return Task.FromResult<IPredictionStore>(new MongoPredictionStore(_connectionString!, "pozytywka_test_" + Guid.NewGuid().ToString("N")));
    }
}
