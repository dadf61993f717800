using System.Numerics;
using ContactMetrics.Kpis;
using ContactMetrics.Tables;
using NodaTime;
using NodaTime.Text;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// DuckDB's KPI counts equal the in-memory engine's on the demo tables: every grouping and bucket, default and changed
/// definitions, DST days, and every kind of source (CSV, CSV parts with a gzipped one, Parquet, a hive-partitioned lake).
/// The expected values are the in-memory <see cref="KpiRollup"/>'s on the same rows (the oracle the issue names).
/// </summary>
public sealed class DuckDbEngineTests(DemoTables demo) : IClassFixture<DemoTables>
{
    private IReadOnlyList<GroupedKpiCounts> Kpis(string interactions, KpiGrouping grouping, KpiOptions? options = null)
    {
        using var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(interactions);
        engine.AttachCustomers(demo.CustomersCsv);
        return engine.Kpis(grouping, options);
    }

    [Theory]
    [MemberData(nameof(KpiCases.GroupingNames), MemberType = typeof(KpiCases))]
    public void Kpis_Csv_EqualInMemory(string grouping) =>
        KpiCases.ShouldEqual(Kpis(demo.InteractionsCsv, KpiCases.Groupings[grouping]), demo.InMemory(KpiCases.Groupings[grouping]));

    [Theory]
    [MemberData(nameof(KpiCases.GroupingNames), MemberType = typeof(KpiCases))]
    public void Kpis_ChangedDefinitions_EqualInMemory(string grouping) =>
        KpiCases.ShouldEqual(Kpis(demo.InteractionsCsv, KpiCases.Groupings[grouping], KpiCases.Changed),
            demo.InMemory(KpiCases.Groupings[grouping], KpiCases.Changed));

    [Theory]
    [MemberData(nameof(KpiCases.GroupingNames), MemberType = typeof(KpiCases))]
    public void Build_RowsReadAsCounts_EqualComputeByState(string grouping)
    {
        // Compute runs the by-state query (a COUNT per class of contacts, the counts made by KpiCounts.FromContacts);
        // Build, the warehouse recipe's SQL, sums every count in SQL, one row per group: the two must give the same groups
        // in the same order with the same counts, under the default and the changed definitions.
        using var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(demo.InteractionsCsv);
        engine.AttachCustomers(demo.CustomersCsv);
        var g = KpiCases.Groupings[grouping];
        foreach (var options in new[] { KpiOptions.Default, KpiCases.Changed })
        {
            var computed = engine.Kpis(g, options);
            var built = Built(engine, g, options, new SqlTables("interactions", "customers"));
            built.Should().HaveCountGreaterThan(0);
            built.Should().Equal(computed.Select(x => x.Counts));
        }
    }

    /// <summary>The counts of <see cref="KpiCountsSql.Build"/>'s rows (the warehouse recipe's query), in its order.</summary>
    private static List<KpiCounts> Built(DuckDbEngine engine, KpiGrouping g, KpiOptions? options, SqlTables tables)
    {
        int keys = BitOperations.PopCount((uint)g.Dimensions) + (g.Bucket == TimeBucket.None ? 0 : 1);
        using var command = engine.Connection.CreateCommand();
        command.CommandText = KpiCountsSql.Build(SqlDialect.DuckDb, g, options, tables);
        using var reader = command.ExecuteReader();
        var built = new List<KpiCounts>();
        var values = new long[KpiCountsSql.CountColumnCount];
        while (reader.Read())
        {
            for (int c = 0; c < values.Length; c++)
            {
                values[c] = Convert.ToInt64(reader.GetValue(keys + c), System.Globalization.CultureInfo.InvariantCulture);
            }
            built.Add(KpiCountsSql.ToCounts(values));
        }
        return built;
    }

    [Fact]
    public void Compute_WaitsAtAndJustAboveEveryThreshold_EqualBuild()
    {
        // Compute classes a wait by the first threshold or response bucket bound at or above it; Build compares it with each.
        // Phone answered, phone abandoned and email answered at every bound of the default and the changed definitions and
        // 1 ms above it: the counts must agree under both, grouped by channel and not.
        var waits = KpiCountsSql.WaitBounds(KpiOptions.Default).Concat(KpiCountsSql.WaitBounds(KpiCases.Changed)).Distinct()
            .SelectMany(b => new[] { b, b + 1 }).ToList();
        using var engine = DuckDbEngine.Open(threads: 1);
        using (var create = engine.Connection.CreateCommand())
        {
            var rows = waits.SelectMany((w, k) => new[] { ("phone", true), ("phone", false), ("email", true) }.Select((r, m) =>
                $"('i{k}-{m}', 'c{k}-{m}', '{r.Item1}', TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_milliseconds({w}), {(r.Item2 ? "TRUE" : "FALSE")}, {w})"));
            create.CommandText = $"""
                CREATE TABLE raw AS SELECT interaction_id, customer_id, NULL::VARCHAR AS agent_id, channel, 'inbound' AS direction,
                  NULL::VARCHAR AS queue, NULL::VARCHAR AS reason, arrived_at,
                  CASE WHEN answered THEN arrived_at + to_milliseconds(wait) END AS answered_at,
                  arrived_at + to_milliseconds(wait) + to_milliseconds(60000) AS ended_at,
                  60.0::DECIMAL(18,9) AS talk_seconds, 0.0::DECIMAL(18,9) AS hold_seconds, 0.0::DECIMAL(18,9) AS acw_seconds,
                  NULL::BOOLEAN AS resolved, 0 AS transfers, NULL::INTEGER AS csat, NULL::INTEGER AS nps, NULL::INTEGER AS ces
                FROM (VALUES {string.Join(",\n  ", rows)}) v(interaction_id, customer_id, channel, arrived_at, answered, wait);
                """;
            create.ExecuteNonQuery();
        }
        var tables = new SqlTables("raw", null);
        foreach (var options in new[] { KpiOptions.Default, KpiCases.Changed })
        {
            foreach (var g in new[] { new KpiGrouping(), new KpiGrouping(KpiDimensions.Channel) })
            {
                var built = Built(engine, g, options, tables);
                built.Should().HaveCount(g.Dimensions == KpiDimensions.None ? 1 : 2);
                KpiCountsSql.Compute(engine.Connection, SqlDialect.DuckDb, g, options, tables).Select(x => x.Counts).Should().Equal(built);
            }
        }
    }

    [Fact]
    public void Compute_ChannelNotInTheSchemaOrMissing_CountedAsBuildCountsIt()
    {
        // A raw table (no engine view to reject a blank channel): a phone call answered in 10 s (csat 5); an inbound 'fax'
        // (csat 4) and an inbound row without a channel; an outbound 'fax'. Build's SQL counts a channel that is neither an
        // agent nor an asynchronous one as contained when inbound, nothing else, and the surveys of every row; Compute did
        // so before the counts by state and must still, when the channel is not a group key (the in-memory readers reject such
        // rows, so memory has no counts of them to compare with).
        using var engine = DuckDbEngine.Open(threads: 1);
        using (var create = engine.Connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE raw (interaction_id VARCHAR, customer_id VARCHAR, agent_id VARCHAR, channel VARCHAR, direction VARCHAR,
                  queue VARCHAR, reason VARCHAR, arrived_at TIMESTAMPTZ, answered_at TIMESTAMPTZ, ended_at TIMESTAMPTZ,
                  talk_seconds DECIMAL(18,9), hold_seconds DECIMAL(18,9), acw_seconds DECIMAL(18,9), resolved BOOLEAN,
                  transfers INTEGER, csat INTEGER, nps INTEGER, ces INTEGER);
                INSERT INTO raw VALUES
                  ('a1', 'c1', 'g1', 'phone', 'inbound', 'q', 'r', '2024-01-01 09:00:00+00', '2024-01-01 09:00:10+00', '2024-01-01 09:05:00+00', 290, 0, 0, TRUE, 0, 5, NULL, NULL),
                  ('a2', 'c2', NULL, 'fax', 'inbound', 'q', 'r', '2024-01-01 10:00:00+00', NULL, '2024-01-01 10:01:00+00', NULL, NULL, NULL, NULL, NULL, 4, NULL, NULL),
                  ('a3', 'c3', NULL, NULL, NULL, 'q', 'r', '2024-01-02 10:00:00+00', NULL, '2024-01-02 10:01:00+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                  ('a4', 'c4', NULL, 'fax', 'outbound', 'q', 'r', '2024-01-02 11:00:00+00', '2024-01-02 11:00:00+00', '2024-01-02 11:02:00+00', 120, 0, 0, NULL, NULL, NULL, NULL, NULL);
                """;
            create.ExecuteNonQuery();
        }
        var tables = new SqlTables("raw", null);
        foreach (var g in new[] { new KpiGrouping(), new KpiGrouping(KpiDimensions.Direction | KpiDimensions.Queue, TimeBucket.Day, DateTimeZone.Utc) })
        {
            var computed = KpiCountsSql.Compute(engine.Connection, SqlDialect.DuckDb, g, tables: tables);
            computed.Select(x => x.Counts).Should().Equal(Built(engine, g, null, tables));
        }
        // By hand, ungrouped: three inbound rows offered (a1-a3), a1 queued, answered within the 20 s threshold and handled
        // (290 s of talk), a2 and a3 contained; one CSAT 4 and one CSAT 5.
        var all = KpiCountsSql.Compute(engine.Connection, SqlDialect.DuckDb, new KpiGrouping(), tables: tables).Single().Counts;
        (all.OfferedContacts, all.QueuedContacts, all.AnsweredWithinThreshold, all.ContainedContacts, all.HandledContacts, all.TalkMilliseconds)
            .Should().Be((3L, 1L, 1L, 2L, 1L, 290_000L));
        all.CsatHistogram.ToArray().Should().Equal(0L, 0L, 0L, 1L, 1L);
    }

    [Fact]
    public void Open_TwoEnginesWithAMemoryLimit_SpillToFoldersOfTheirOwnRemovedOnDispose()
    {
        // Two runs sharing one spill folder overwrote each other's spill file (DuckDB names it alike in every process):
        // a 100-million-row kpis run beside a CLV fit failed reading it back.
        string first, second;
        using (var a = DuckDbEngine.Open(threads: 1, memoryLimit: "100MB"))
        using (var b = DuckDbEngine.Open(threads: 1, memoryLimit: "100MB"))
        {
            first = a.SpillFolder!;
            second = b.SpillFolder!;
            first.Should().NotBe(second);
            using var command = a.Connection.CreateCommand();
            command.CommandText = "SELECT current_setting('temp_directory')";
            command.ExecuteScalar().Should().Be(first, "DuckDB spills where the engine says");
            // Make the first one spill: a sort of more rows than 100 MB holds.
            command.CommandText = "SELECT COUNT(*) FROM (SELECT range AS n, md5(CAST(range AS VARCHAR)) AS h FROM range(3000000) ORDER BY h)";
            command.ExecuteScalar().Should().Be(3000000L);
        }
        Directory.Exists(first).Should().BeFalse("the engine removes its spill folder");
        Directory.Exists(second).Should().BeFalse();
    }

    [Fact]
    public void Kpis_Demo_ExercisesEveryPopulation()
    {
        // The equality tests above only mean something if the demo has every kind of contact: checked on DuckDB's totals.
        var all = Kpis(demo.InteractionsCsv, new KpiGrouping()).Single().Counts;
        all.AbandonedContacts.Should().BePositive();
        all.ContainedContacts.Should().BePositive();
        all.TransferredContacts.Should().BePositive();
        all.ResolvedFlagged.Should().BePositive();
        all.RepeatContacts.Should().BePositive();
        all.ResolvedFirstTime.Should().BeInRange(1, all.FcrEligibleContacts - 1);
        all.CsatHistogram.ToArray().Sum().Should().BePositive();
        all.NpsHistogram.ToArray().Sum().Should().BePositive();
    }

    [Fact]
    public void Kpis_FolderOfCsvPartsOneGzipped_EqualsInMemoryOnTheWholeFile()
    {
        var grouping = new KpiGrouping(KpiDimensions.Channel | KpiDimensions.Agent, TimeBucket.Week, KpiCases.Amsterdam);
        KpiCases.ShouldEqual(Kpis(demo.PartsFolder, grouping), demo.InMemory(grouping));
    }

    [Fact]
    public void Kpis_GlobOfCsvParts_EqualsInMemory()
    {
        // The glob takes the two plain parts only: the oracle is the in-memory engine on the rows of those two files.
        var grouping = new KpiGrouping(KpiDimensions.Channel);
        var rows = ContactMetrics.Data.Tables.ReadAllInteractions(Path.Combine(demo.PartsFolder, "part-1.csv")).Rows
            .Concat(ContactMetrics.Data.Tables.ReadAllInteractions(Path.Combine(demo.PartsFolder, "part-2.csv")).Rows);
        var expected = KpiRollup.Compute(InteractionTable.Create(rows, demo.Customers), grouping).Select(GroupedKpiCounts.From).ToList();
        KpiCases.ShouldEqual(Kpis(Path.Combine(demo.PartsFolder, "part-*.csv"), grouping), expected);
        expected.Sum(g => g.Counts.OfferedContacts).Should().BeLessThan(demo.InMemory(grouping).Sum(g => g.Counts.OfferedContacts),
            "the gzipped third part is left out");
    }

    [Fact]
    public void Kpis_Parquet_EqualsInMemory()
    {
        var grouping = new KpiGrouping(KpiDimensions.Reason | KpiDimensions.Segment, TimeBucket.Month, KpiCases.Amsterdam);
        KpiCases.ShouldEqual(Kpis(demo.InteractionsParquet, grouping), demo.InMemory(grouping));
    }

    [Fact]
    public void Kpis_HivePartitionedParquetLake_EqualsInMemory()
    {
        var grouping = new KpiGrouping(KpiDimensions.Channel, TimeBucket.Day, KpiCases.Amsterdam);
        KpiCases.ShouldEqual(Kpis(Path.Combine(demo.LakeFolder, "interactions"), grouping), demo.InMemory(grouping));
    }

    [Fact]
    public void Kpis_WeeksTheClocksChange_Have167And169HoursAndEqualInMemory()
    {
        var grouping = new KpiGrouping(KpiDimensions.None, TimeBucket.Week, KpiCases.Amsterdam);
        var weeks = Kpis(demo.InteractionsCsv, grouping);
        KpiCases.ShouldEqual(weeks, demo.InMemory(grouping));
        // EU summer time 2024 starts on Sunday 31 March and ends on Sunday 27 October (Directive 2000/84/EC): the ISO weeks
        // from Monday 25 March and Monday 21 October have 7 * 24 - 1 = 167 and 7 * 24 + 1 = 169 hours.
        var spring = weeks.Single(d => d.BucketStart!.Value.Date == new LocalDate(2024, 3, 25));
        var autumn = weeks.Single(d => d.BucketStart!.Value.Date == new LocalDate(2024, 10, 21));
        spring.BucketLength.Should().Be(Duration.FromHours(167));
        autumn.BucketLength.Should().Be(Duration.FromHours(169));
        spring.BucketStart!.Value.Offset.Should().Be(Offset.FromHours(1));
        autumn.BucketStart!.Value.Offset.Should().Be(Offset.FromHours(2));
    }

    [Fact]
    public void Kpis_ContactsOnTheDaysTheClocksChange_LocalDaysAndHours()
    {
        // Amsterdam, 2024 (Directive 2000/84/EC): on 31 March 01:00Z clocks go from 02:00 to 03:00 (UTC+1 to UTC+2); on
        // 27 October 01:00Z from 03:00 back to 02:00 (UTC+2 to UTC+1). Contacts at 00:30Z and 01:30Z on 27 October are
        // both at 02:30 local, in two different hour buckets (offsets +02 and +01); the one at 23:30Z on 30 March is at
        // 00:30 local on the 31st, a day of 23 hours.
        using var dir = new TempDir();
        string csv = dir.Write("i.csv", "interaction_id,customer_id,channel,arrived_at,ended_at\n"
            + "a,c1,phone,2024-03-30T23:30:00Z,2024-03-30T23:31:00Z\n"
            + "b,c2,phone,2024-10-27T00:30:00Z,2024-10-27T00:31:00Z\n"
            + "c,c3,phone,2024-10-27T01:30:00Z,2024-10-27T01:31:00Z\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(csv);
        var days = engine.Kpis(new KpiGrouping(KpiDimensions.None, TimeBucket.Day, KpiCases.Amsterdam));
        days.Select(d => (d.BucketStart!.Value.Date, d.BucketLength!.Value.TotalHours, d.Counts.OfferedContacts))
            .Should().Equal((new LocalDate(2024, 3, 31), 23.0, 1L), (new LocalDate(2024, 10, 27), 25.0, 2L));
        var hours = engine.Kpis(new KpiGrouping(KpiDimensions.None, TimeBucket.Hour, KpiCases.Amsterdam));
        hours.Select(h => OffsetDateTimePattern.Rfc3339.Format(h.BucketStart!.Value.ToOffsetDateTime())).Should()
            .Equal("2024-03-31T00:00:00+01:00", "2024-10-27T02:00:00+02:00", "2024-10-27T02:00:00+01:00");
        hours.Should().OnlyContain(h => h.BucketLength == Duration.FromHours(1) && h.Counts.OfferedContacts == 1);
    }

    [Fact]
    public void Kpis_DayOfAContactJustAfterLocalMidnight_IsTheLocalDay()
    {
        // 2024-06-30T22:30Z is 00:30 on 1 July in Amsterdam (UTC+2 in summer): the UTC date would be wrong.
        using var dir = new TempDir();
        string csv = dir.Write("i.csv", "interaction_id,customer_id,channel,arrived_at,answered_at,ended_at,talk_seconds\n"
            + "a,c1,phone,2024-06-30T22:30:00Z,2024-06-30T22:30:10Z,2024-06-30T22:35:00Z,290\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(csv);
        var day = engine.Kpis(new KpiGrouping(KpiDimensions.None, TimeBucket.Day, KpiCases.Amsterdam)).Single();
        day.BucketStart.Should().Be(new LocalDate(2024, 7, 1).AtStartOfDayInZone(KpiCases.Amsterdam));
        // One answered phone contact: wait 10 s (22:30:00 to 22:30:10), talk 290 s, no hold or ACW columns (0).
        day.Counts.AnsweredContacts.Should().Be(1);
        day.Counts.WaitAnsweredMilliseconds.Should().Be(10_000);
        day.Counts.HandleMilliseconds.Should().Be(290_000);
    }

    [Theory]
    [InlineData("UTC", TimeBucket.Day)]
    [InlineData("UTC", TimeBucket.Minutes15)]
    [InlineData("Etc/GMT-5", TimeBucket.Day)]
    [InlineData("Etc/GMT+3", TimeBucket.Week)]
    [InlineData("Etc/GMT+3", TimeBucket.Minutes30)]
    public void Kpis_ZoneOfOneOffset_EqualInMemory(string zone, TimeBucket bucket)
    {
        // A zone whose offset never changes is read without ICU (make_timestamp of the shifted microseconds): the same buckets.
        var grouping = new KpiGrouping(KpiDimensions.Channel, bucket, DateTimeZoneProviders.Tzdb[zone]);
        KpiCases.ShouldEqual(Kpis(demo.InteractionsCsv, grouping), demo.InMemory(grouping));
    }

    [Fact]
    public void LocalTimestamp_ZoneOfOneOffset_ShiftsTheMicrosecondsWithoutIcu()
    {
        // UTC+5 is 5 x 3,600 x 10^6 = 18,000,000,000 microseconds ahead; a zone with daylight saving keeps ICU's timezone().
        SqlDialect.DuckDb.LocalTimestamp("t", DateTimeZone.Utc).Should().Be("make_timestamp(epoch_us(t))");
        SqlDialect.DuckDb.LocalTimestamp("t", DateTimeZoneProviders.Tzdb["Etc/GMT-5"]).Should().Be("make_timestamp(epoch_us(t) + 18000000000)");
        SqlDialect.DuckDb.LocalTimestamp("t", KpiCases.Amsterdam).Should().Be("timezone('Europe/Amsterdam', t)");
    }

    [Fact]
    public void Kpis_DayInAZoneOfOneOffset_IsTheLocalDay()
    {
        // Etc/GMT-5 is UTC+5 all year: 2024-06-30T20:30Z is 01:30 on 1 July there, and 2024-06-30T18:59Z is 23:59 on 30 June.
        using var dir = new TempDir();
        string csv = dir.Write("i.csv", "interaction_id,customer_id,channel,arrived_at,answered_at,ended_at\n"
            + "a,c1,phone,2024-06-30T20:30:00Z,2024-06-30T20:30:10Z,2024-06-30T20:35:00Z\n"
            + "b,c2,phone,2024-06-30T18:59:00Z,2024-06-30T18:59:10Z,2024-06-30T19:05:00Z\n");
        var zone = DateTimeZoneProviders.Tzdb["Etc/GMT-5"];
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(csv);
        var days = engine.Kpis(new KpiGrouping(KpiDimensions.None, TimeBucket.Day, zone));
        days.Select(d => d.BucketStart).Should().Equal(new LocalDate(2024, 6, 30).AtStartOfDayInZone(zone), new LocalDate(2024, 7, 1).AtStartOfDayInZone(zone));
        days.Should().OnlyContain(d => d.Counts.OfferedContacts == 1 && d.BucketLength == Duration.FromDays(1));
    }

    [Fact]
    public void Kpis_HandleTimeComponents_WholeMillisecondsRoundedDownAndMissingIsZero()
    {
        // Hand computation: talk 0.0019 s -> 1 ms (floor of 1.9), hold missing -> 0, ACW 2.5 s -> 2,500 ms; handle 2,501 ms.
        using var dir = new TempDir();
        string csv = dir.Write("i.csv", "interaction_id,customer_id,channel,arrived_at,answered_at,ended_at,talk_seconds,hold_seconds,acw_seconds\n"
            + "a,c1,phone,2024-06-30T10:00:00Z,2024-06-30T10:00:10Z,2024-06-30T10:00:12Z,0.0019,,2.5\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(csv);
        var counts = engine.Kpis(new KpiGrouping()).Single().Counts;
        counts.TalkMilliseconds.Should().Be(1);
        counts.HoldMilliseconds.Should().Be(0);
        counts.AfterCallWorkMilliseconds.Should().Be(2_500);
        counts.HandleMilliseconds.Should().Be(2_501);
    }

    [Fact]
    public void Kpis_EmptyTable_NoGroups()
    {
        using var dir = new TempDir();
        string csv = dir.Write("i.csv", "interaction_id,channel,arrived_at,ended_at\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(csv);
        engine.Kpis(new KpiGrouping()).Should().BeEmpty("memory gives no groups for no rows");
    }

    [Fact]
    public void AttachInteractions_RequiredColumnMissing_NamesTheColumnAndTheFile()
    {
        using var dir = new TempDir();
        string csv = dir.Write("i.csv", "interaction_id,channel,ended_at\nx,phone,2024-01-01T00:00:00Z\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        var act = () => engine.AttachInteractions(csv);
        act.Should().Throw<SqlSourceException>().WithMessage($"interactions ({csv}): the required column 'arrived_at' is missing*");
    }

    [Fact]
    public void Kpis_UnreadableInstant_SqlSourceExceptionNamesTheTable()
    {
        using var dir = new TempDir();
        string csv = dir.Write("i.csv", "interaction_id,channel,arrived_at,ended_at\nx,phone,yesterday,2024-01-01T00:00:00Z\n");
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(csv);
        var act = () => engine.Kpis(new KpiGrouping());
        act.Should().Throw<SqlSourceException>().WithMessage($"interactions ({csv}): DuckDB could not read the data:*yesterday*");
    }

    [Fact]
    public void AttachInteractions_NoSuchPath_SqlSourceException()
    {
        using var engine = DuckDbEngine.Open(threads: 1);
        var act = () => engine.AttachInteractions("/no/such/folder");
        act.Should().Throw<SqlSourceException>().WithMessage("interactions (/no/such/folder): no such file or folder*");
    }

    [Fact]
    public void Kpis_BySegmentWithoutCustomers_ArgumentException()
    {
        using var engine = DuckDbEngine.Open(threads: 1);
        engine.AttachInteractions(demo.InteractionsCsv);
        var act = () => engine.Kpis(new KpiGrouping(KpiDimensions.Segment));
        act.Should().Throw<ArgumentException>().WithParameterName("tables");
    }
}
