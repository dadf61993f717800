using System.Text.Json;

namespace ContactMetrics.Cli.Tests;

/// <summary>The readers' notes reach the user, on stderr and in JSON (issue #14 item 4): a misspelt column was ignored without a word.</summary>
public class ReadingNotesTests
{
    [Fact]
    public void Kpis_MisspeltOptionalColumns_AreNotedWithASuggestion()
    {
        using var dir = new TempDir();
        string path = dir.File("i.csv");
        File.WriteAllText(path, "interaction_id,custmer_id,channel,arrived_at,ended_at,csat_score,foo\nI1,c1,phone,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z,4,x\n");

        var run = CliRun.Of("kpis", "--interactions", path, "--format", "json");

        run.ExitCode.Should().Be(0, run.Error);
        // custmer_id is one deletion from customer_id; csat_score extends csat with a word; foo is near nothing.
        const string Note = "columns 2 'custmer_id' (did you mean customer_id?), 6 'csat_score' (did you mean csat?), 7 'foo' not part of the interactions schema; ignored";
        run.Error.Should().Contain($"contactmetrics: note: {path}: {Note}");
        JsonDocument.Parse(run.Out).RootElement.GetProperty("readingNotes").GetProperty("notes").GetProperty(path).GetString().Should().Be(Note);
    }

    [Fact]
    public void Kpis_NoNotes_HasNoReadingNotesMember()
    {
        using var dir = new TempDir();
        string path = dir.File("i.csv");
        File.WriteAllText(path, "interaction_id,channel,arrived_at,ended_at\nI1,phone,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z\n");
        var run = CliRun.Of("kpis", "--interactions", path, "--format", "json");
        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().BeEmpty();
        JsonDocument.Parse(run.Out).RootElement.TryGetProperty("readingNotes", out _).Should().BeFalse();
    }
}
