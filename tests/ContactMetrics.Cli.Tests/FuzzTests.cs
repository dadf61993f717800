using System.Diagnostics;
using System.Text;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using NodaTime;
using Xunit.Abstractions;

namespace ContactMetrics.Cli.Tests;

/// <summary>
/// A seeded mutation fuzzer over the CSV and Parquet readers and the CLI entry, run in-process (issue #14 item 8): every
/// mutated table must end in exit code 0 or 2, never 1 (a bug) or an exception. CI runs a bounded number of cases; set
/// CM_FUZZ_CASES (and CM_FUZZ_SEED) for a long run, or CM_FUZZ_SECONDS for a run of that many seconds (split evenly over
/// the three tests, cases unbounded unless CM_FUZZ_CASES is set too), see docs/cli.md.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultCases = 400;

    private static readonly string[] EdgeCells =
    [
        "", " ", "\"", "\"\"", "NaN", "Infinity", "-1", "0", "1e309", "-1e309", "79228162514264337593543950335", "1E+28",
        "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "2025-02-30T00:00:00Z", "2025-03-01T09:15:00", "2025-03-01",
        "true", "x\u00e9", "=1+1", "@SUM(A1)", "-promo", "\t", "2147483648", "-2147483649", "3.5", "1,5", "phone", "inbound",
    ];

    private static readonly (string Table, string Header, string[] Rows, string[] Command)[] Seeds =
    [
        ("interactions", "interaction_id,customer_id,agent_id,channel,direction,queue,reason,arrived_at,answered_at,ended_at,talk_seconds,hold_seconds,acw_seconds,resolved,transfers,csat,nps,ces",
            [
                "i1,c1,a1,phone,inbound,q1,billing,2025-03-01T09:00:00Z,2025-03-01T09:00:20Z,2025-03-01T09:05:00Z,240,10,30,true,0,5,9,2",
                "i2,c2,a2,chat,inbound,q2,tech,2025-03-01T10:00:00Z,,2025-03-01T10:01:00Z,0,0,0,,0,,,",
                "i3,c1,a1,email,outbound,q1,billing,2025-03-02T09:00:00+01:00,2025-03-02T09:30:00+01:00,2025-03-02T10:00:00+01:00,1800,0,60,false,1,2,3,6",
            ],
            ["kpis", "--interactions", "FILE", "--by", "channel", "--bucket", "day"]),
        ("purchases", "customer_id,occurred_at,amount,currency",
            [
                "c1,2024-01-01T10:00:00Z,20,EUR", "c1,2024-02-01T10:00:00Z,25,EUR", "c1,2024-05-01T10:00:00Z,30,EUR",
                "c2,2024-01-05T10:00:00Z,50,EUR", "c2,2024-03-05T10:00:00Z,10,EUR", "c3,2024-02-01T10:00:00Z,5,EUR",
                "c4,2024-01-01T10:00:00Z,12,EUR", "c4,2024-06-01T10:00:00Z,80,EUR",
            ],
            ["clv", "fit", "--model", "bg-nbd", "--purchases", "FILE", "--calibration-end", "2024-12-31"]),
        ("customers", "customer_id,segment,acquired_on,churned_on",
            ["c1,smb,2024-01-01,", "c2,consumer,2024-02-01,2024-06-01", "c3,smb,2023-12-31,"],
            ["validate", "--interactions", "INTERACTIONS", "--customers", "FILE"]),
        ("touchpoints", "customer_id,occurred_at,channel",
            ["c1,2025-03-01T09:00:00Z,paid_search", "c1,2025-03-02T09:00:00Z,email", "c2,2025-03-01T09:00:00Z,seo"],
            ["attribution", "--touchpoints", "FILE", "--conversions", "CONVERSIONS", "--model", "shapley"]),
    ];

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("CM_FUZZ_CASES"), out int n) && n > 0 ? n : DefaultCases;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("CM_FUZZ_SEED"), out int s) ? s : 14;

    /// <summary>Each test's share of CM_FUZZ_SECONDS, or null for a run bounded by cases only.</summary>
    private static TimeSpan? Budget =>
        int.TryParse(Environment.GetEnvironmentVariable("CM_FUZZ_SECONDS"), out int s) && s > 0 ? TimeSpan.FromSeconds(s / 3.0) : null;

    private static bool CasesBounded => Budget is null || Environment.GetEnvironmentVariable("CM_FUZZ_CASES") is not null;

    /// <summary>Whether case <paramref name="i"/> runs: under <paramref name="cases"/> (when cases bound the run), within the time budget, fewer than five failures.</summary>
    private static bool Runs(int i, int cases, Stopwatch clock, List<string> failures) =>
        failures.Count < 5 && (!CasesBounded || i < cases) && (Budget is not { } budget || clock.Elapsed < budget);

    private void Report(string test, int cases, Stopwatch clock, List<string> failures) =>
        output.WriteLine($"{test}: seed {Seed}, {cases} cases in {clock.Elapsed.TotalSeconds:F0} s, {failures.Count} failures");

    [Fact]
    public void Fuzz_MutatedCsvTables_NeverABug()
    {
        using var dir = new TempDir();
        string interactions = dir.File("base_interactions.csv");
        File.WriteAllText(interactions, Seeds[0].Header + "\n" + string.Join("\n", Seeds[0].Rows) + "\n");
        string conversions = dir.File("base_conversions.csv");
        File.WriteAllText(conversions, "customer_id,occurred_at,value,currency\nc1,2025-03-03T09:00:00Z,10,EUR\nc2,2025-03-04T09:00:00Z,5,EUR\n");
        var random = new Random(Seed);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        int i = 0;
        for (; Runs(i, Cases, clock, failures); i++)
        {
            var seed = Seeds[i % Seeds.Length];
            byte[] bytes = Mutate(random, seed.Header, seed.Rows);
            string path = dir.File($"case{i}_{seed.Table}.csv");
            File.WriteAllBytes(path, bytes);
            string[] args = [.. seed.Command.Select(a => a switch { "FILE" => path, "INTERACTIONS" => interactions, "CONVERSIONS" => conversions, _ => a })];
            if (!Check(args, path, failures))
            {
                break;
            }
            File.Delete(path);
        }
        Report("csv", i, clock, failures);
        failures.Should().BeEmpty($"seed {Seed}: every case exits 0 or 2 (the inputs are kept in the messages)");
    }

    // Cells a European export may hold, read with the reading options (#14 item 5): local times in the Amsterdam DST gap and
    // overlap, at the calendar's ends, impossible dates, points where a decimal comma is expected, yes/no.
    private static readonly string[] EuropeanEdgeCells =
    [
        "30/03/2025 02:30", "26/10/2025 02:30", "31/12/9999 23:59", "01/01/0001 00:00", "01/01/1900 00:30", "29/02/2025 10:00",
        "99/99/2025 99:99", "05/03/2025", "2025-03-01T09:15:00", "1.234", "12,5", "1,5E3", "-0,0", ",", "yes", "NO", .. EdgeCells,
    ];

    private static readonly string[] EuropeanOptions =
        ["--delimiter", ";", "--decimal-comma", "--date-format", "dd/MM/yyyy HH:mm", "--input-time-zone", "Europe/Amsterdam"];

    [Fact]
    public void Fuzz_MutatedEuropeanExports_NeverABug()
    {
        using var dir = new TempDir();
        var seeds = new (string Header, string[] Rows, string[] Command)[]
        {
            ("interaction_id;channel;arrived_at;answered_at;ended_at;talk_seconds;resolved",
                ["i1;phone;05/03/2025 09:15;05/03/2025 09:16;05/03/2025 09:21;185,5;yes", "i2;chat;26/10/2025 01:59;;26/10/2025 03:10;;no"],
                ["kpis", "--interactions", "FILE", "--by", "channel", "--bucket", "1h", "--time-zone", "Europe/Amsterdam"]),
            ("customer_id;occurred_at;amount;currency",
                ["c1;01/01/2024 10:00;20,5;EUR", "c1;01/02/2024 10:00;25;EUR", "c2;05/01/2024 10:00;50,25;EUR", "c2;05/03/2024 10:00;10;EUR", "c3;01/02/2024 10:00;5;EUR"],
                ["clv", "fit", "--model", "bg-nbd", "--purchases", "FILE", "--calibration-end", "2024-12-31"]),
        };
        foreach (var seed in seeds)
        {
            // The unmutated seeds read cleanly, so the cases test the reader rather than an argument error.
            string valid = dir.File("valid.csv");
            File.WriteAllText(valid, seed.Header + "\n" + string.Join("\n", seed.Rows) + "\n");
            var run = CliRun.Of([.. seed.Command.Select(a => a == "FILE" ? valid : a), .. EuropeanOptions]);
            run.ExitCode.Should().Be(0, run.Error);
        }
        var random = new Random(Seed);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        int i = 0;
        for (; Runs(i, Math.Max(1, Cases / 4), clock, failures); i++)
        {
            var seed = seeds[i % seeds.Length];
            string path = dir.File($"european{i}.csv");
            File.WriteAllBytes(path, Mutate(random, seed.Header, seed.Rows, ';', EuropeanEdgeCells));
            if (!Check([.. seed.Command.Select(a => a == "FILE" ? path : a), .. EuropeanOptions], path, failures))
            {
                break;
            }
            File.Delete(path);
        }
        Report("european", i, clock, failures);
        failures.Should().BeEmpty($"seed {Seed}: every case exits 0 or 2 (the inputs are kept in the messages)");
    }

    [Fact]
    public void Fuzz_DamagedParquetTables_NeverABug()
    {
        using var dir = new TempDir();
        var stream = new MemoryStream();
        var t0 = Instant.FromUtc(2025, 3, 1, 9, 0);
        Data.Tables.WriteInteractions(stream, TableFormat.Parquet,
        [
            new Interaction(new InteractionId("i1"), new CustomerId("c1"), Channel.Phone, t0, t0 + Duration.FromMinutes(5)),
            new Interaction(new InteractionId("i2"), null, Channel.Chat, t0, t0 + Duration.FromMinutes(1)),
        ], null);
        byte[] good = stream.ToArray();
        var random = new Random(Seed);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        int i = 0;
        for (; Runs(i, Cases / 2, clock, failures); i++)
        {
            byte[] bytes = (byte[])good.Clone();
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits; e++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            string path = dir.File($"case{i}.parquet");
            File.WriteAllBytes(path, bytes);
            if (!Check(["validate", "--interactions", path], path, failures) || !Check(["kpis", "--interactions", path], path, failures))
            {
                break;
            }
            File.Delete(path);
        }
        Report("parquet", i, clock, failures);
        failures.Should().BeEmpty($"seed {Seed}: every damaged file exits 0 or 2");
    }

    /// <summary>
    /// The longest a case may run (CM_FUZZ_CASE_SECONDS, 60 s by default, for a loaded machine; a case takes milliseconds):
    /// a longer one is unbounded work (#14 item 6), a failure.
    /// </summary>
    private static TimeSpan CaseLimit =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("CM_FUZZ_CASE_SECONDS"), out int s) && s > 0 ? s : 60);

    /// <summary>Runs one case; a bug is added to <paramref name="failures"/>. <see langword="false"/> when the case did not end (stop the run).</summary>
    private static bool Check(string[] args, string path, List<string> failures)
    {
        CliRun run;
        try
        {
            var task = Task.Run(() => CliRun.Of(args));
            if (!task.Wait(CaseLimit))
            {
                // The case is left running on its thread, and the run stops.
                failures.Add($"{string.Join(' ', args)}: still running after {CaseLimit.TotalSeconds:F0} s (unbounded work)\n{Describe(path)}");
                return false;
            }
            run = task.Result;
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            failures.Add($"{string.Join(' ', args)}: unhandled {e.InnerException!.GetType().Name}: {e.InnerException.Message}\n{Describe(path)}");
            return true;
        }
        if (run.ExitCode is not (0 or 2) || run.Error.Contains("internal error", StringComparison.Ordinal))
        {
            failures.Add($"{string.Join(' ', args)}: exit {run.ExitCode}: {run.Error}\n{Describe(path)}");
        }
        return true;
    }

    private static string Describe(string path) =>
        path.EndsWith(".csv", StringComparison.Ordinal) ? File.ReadAllText(path) : Convert.ToBase64String(File.ReadAllBytes(path));

    /// <summary>One to three mutations of a valid table: an edge value in a cell, a repeated or dropped row, a byte flipped, inserted or cut.</summary>
    private static byte[] Mutate(Random random, string header, string[] rows, char delimiter = ',', string[]? edgeCells = null)
    {
        edgeCells ??= EdgeCells;
        var lines = new List<string> { header };
        lines.AddRange(rows);
        int mutations = 1 + random.Next(3);
        for (int m = 0; m < mutations; m++)
        {
            int row = 1 + random.Next(lines.Count - 1);
            switch (random.Next(4))
            {
                case 0:
                case 1:
                    var cells = lines[row].Split(delimiter);
                    cells[random.Next(cells.Length)] = edgeCells[random.Next(edgeCells.Length)];
                    lines[row] = string.Join(delimiter, cells);
                    break;
                case 2:
                    lines.Insert(row, lines[row]);
                    break;
                default:
                    if (lines.Count > 2)
                    {
                        lines.RemoveAt(row);
                    }
                    break;
            }
        }
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n").ToList();
        if (random.Next(3) == 0)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(20)));
                    break;
            }
        }
        return [.. bytes];
    }
}
