using Pozytywka.StreamProcessor.Store;

namespace Pozytywka.StreamProcessor.Tests;

/// <summary>The contract against a real LiteDB file; always runs.</summary>
public sealed class LiteDbPredictionStoreTests : PredictionStoreContract
{
    private readonly string _path = TestDirectories.New("outcomes.db");

    protected override Task<IPredictionStore> OpenStoreAsync() => Task.FromResult<IPredictionStore>(new LiteDbPredictionStore(_path));

    [Fact]
    public async Task What_was_written_is_still_there_after_the_file_is_reopened()
    {
        using (var store = await OpenStoreAsync())
        {
            await store.SavePredictionsAsync([Prediction("durable")]);
            await store.SaveOutcomesAsync([Outcome("durable")]);
        }
        using var reopened = await OpenStoreAsync();
        Assert.Equal(Outcome("durable"), (await reopened.FindAsync("durable"))!.Outcome);
    }
}
