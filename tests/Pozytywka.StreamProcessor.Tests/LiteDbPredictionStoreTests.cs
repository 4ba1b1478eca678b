using System.Diagnostics;
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

    [Fact]
    public async Task A_write_the_disk_refuses_fails_and_the_next_one_succeeds_once_the_disk_takes_writes_again()
    {
        using var store = await OpenStoreAsync();
        await store.SavePredictionsAsync([Prediction("before")]);
        var files = Directory.GetFiles(Path.GetDirectoryName(_path)!);
        if (!Immutable(true, files))
            Assert.Skip("making the store's files immutable (chattr +i) needs root on a filesystem that supports it");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => store.SavePredictionsAsync([Prediction("refused")]));
        }
        finally
        {
            Immutable(false, files);
        }

        await store.SavePredictionsAsync([Prediction("after")]);
        Assert.NotNull(await store.FindAsync("before"));
        Assert.NotNull(await store.FindAsync("after"));
    }

    private static bool Immutable(bool on, string[] files)
    {
        try
        {
            using var chattr = Process.Start("chattr", [on ? "+i" : "-i", .. files]);
            chattr.WaitForExit();
            return chattr.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
