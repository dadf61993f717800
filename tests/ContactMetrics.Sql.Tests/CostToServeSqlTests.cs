using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Sql.Tests;

/// <summary>
/// Cost-to-serve's SQL on DuckDB equals <see cref="CostToServeCalculator"/> on the demo tables (the oracle): every group of
/// every breakdown, every customer, the totals and the overheads, for several repeat rules and overhead bases; the cells
/// of customer partitions, concatenated, give the result of the whole.
/// </summary>
public sealed class CostToServeSqlTests(DemoTables demo) : IClassFixture<DemoTables>
{
    public static TheoryData<string> RuleNames => [.. CostCases.Rules.Keys];

    public static TheoryData<string> ModelNames => [.. CostCases.Models.Keys];

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Cost_DuckDb_EqualsTheCalculatorAcrossRepeatRules(string rule)
    {
        using var engine = Open();
        var model = CostCases.Models["handle-time overhead"];
        var repeat = CostCases.Rules[rule];
        CostCases.ShouldEqual(engine.Cost(model, repeat), CostToServeCalculator.Compute(demo.Table, model, repeat));
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Cost_DuckDb_EqualsTheCalculatorAcrossModels(string name)
    {
        using var engine = Open();
        var model = CostCases.Models[name];
        CostCases.ShouldEqual(engine.Cost(model), CostToServeCalculator.Compute(demo.Table, model));
    }

    [Fact]
    public void Cost_DuckDbOverParquetLake_EqualsTheCalculator()
    {
        using var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(System.IO.Path.Combine(demo.LakeFolder, "interactions"));
        engine.AttachCustomers(demo.CustomersCsv);
        var model = CostCases.Models["two overheads"];
        CostCases.ShouldEqual(engine.Cost(model), CostToServeCalculator.Compute(demo.Table, model));
    }

    [Fact]
    public void Cells_OfCustomerPartitionsConcatenated_GiveTheWhole()
    {
        using var engine = Open();
        var model = CostCases.Models["two overheads"];
        var cells = new List<CostCell>();
        foreach (int part in new[] { 0, 1, 2 })
        {
            foreach (string table in new[] { "interactions", "customers" })
            {
                using var command = engine.Connection.CreateCommand();
                command.CommandText = $"CREATE OR REPLACE VIEW {table}_{part} AS SELECT * FROM {table} WHERE hash(COALESCE(customer_id, '')) % 3 = {part}";
                command.ExecuteNonQuery();
            }
            var partCells = CostToServeSql.Cells(engine.Connection, SqlDialect.DuckDb, model, tables: new SqlTables($"interactions_{part}", $"customers_{part}"));
            partCells.Should().NotBeEmpty("each partition has contacts");
            cells.AddRange(partCells);
        }
        CostCases.ShouldEqual(CostToServeCalculator.FromCells(model, cells), CostToServeCalculator.Compute(demo.Table, model));
    }

    [Theory]
    [InlineData(true, null)] // identified without an id: would have been merged into the unidentified contacts
    [InlineData(false, "C1")] // an id not marked identified: likewise
    public void FromCells_CustomerCellWhoseIdAndFlagDisagree_Refused(bool identified, string? key)
    {
        var cell = new CostCell(CostDimension.Customer, false, key, identified, Domain.Channel.Phone, 1, 1, 60_000, 1, 0, 0, 1);

        var act = () => CostToServeCalculator.FromCells(CostCases.Models["two overheads"], [cell]);

        act.Should().Throw<ArgumentException>().WithMessage("*customer cell*");
    }

    [Fact]
    public void Cost_ModelWithoutRatesForAChannelInUse_FailsNamingIt()
    {
        using var engine = Open();
        var full = CostCases.Models["no overhead"];
        var model = new CostModel(Currency.Eur, full.Channels.Where(r => r.Channel != Channel.Chat));
        var act = () => engine.Cost(model);
        act.Should().Throw<ArgumentException>().WithMessage("*no rates for channel 'chat'*");
    }

    private DuckDbEngine Open()
    {
        var engine = DuckDbEngine.Open(threads: 2);
        engine.AttachInteractions(demo.InteractionsCsv);
        engine.AttachCustomers(demo.CustomersCsv);
        return engine;
    }
}

/// <summary>Cost-to-serve's SQL through Npgsql on PostgreSQL equals the calculator on the demo tables.</summary>
public sealed class PostgreSqlCostToServeTests(PostgreSqlDemo db) : IClassFixture<PostgreSqlDemo>
{
    [PostgreSqlTheory]
    [MemberData(nameof(CostToServeSqlTests.RuleNames), MemberType = typeof(CostToServeSqlTests))]
    public void Cost_PostgreSql_EqualsTheCalculatorAcrossRepeatRules(string rule)
    {
        var model = CostCases.Models["two overheads"];
        var repeat = CostCases.Rules[rule];
        using var connection = db.Connection();
        CostCases.ShouldEqual(CostToServeSql.Compute(connection, SqlDialect.PostgreSql, model, repeat, db.Tables),
            CostToServeCalculator.Compute(db.Demo.Table, model, repeat));
    }

    [PostgreSqlTheory]
    [MemberData(nameof(CostToServeSqlTests.ModelNames), MemberType = typeof(CostToServeSqlTests))]
    public void Cost_PostgreSql_EqualsTheCalculatorAcrossModels(string name)
    {
        var model = CostCases.Models[name];
        using var connection = db.Connection();
        CostCases.ShouldEqual(CostToServeSql.Compute(connection, SqlDialect.PostgreSql, model, tables: db.Tables), CostToServeCalculator.Compute(db.Demo.Table, model));
    }
}

/// <summary>The repeat rules and cost models the engines are compared on, and the comparison.</summary>
internal static class CostCases
{
    public static Dictionary<string, RepeatContactOptions> Rules { get; } = new()
    {
        ["default 7d same reason"] = new RepeatContactOptions(),
        ["any reason"] = new RepeatContactOptions(Duration.FromDays(7), sameReason: false),
        ["same channel 2d"] = new RepeatContactOptions(Duration.FromDays(2), sameReason: true, RepeatChannelScope.SameChannel),
        ["any reason same channel 30d"] = new RepeatContactOptions(Duration.FromDays(30), sameReason: false, RepeatChannelScope.SameChannel),
    };

    public static Dictionary<string, CostModel> Models { get; } = new()
    {
        ["no overhead"] = Model(),
        ["handle-time overhead"] = Model(new OverheadPool("facilities", Eur(123_456.78m), OverheadBasis.HandleTime)),
        ["two overheads"] = Model(
            new OverheadPool("supervision", Eur(54_321.09m), OverheadBasis.HandleTime, [Channel.Phone, Channel.Email, Channel.Chat, Channel.Messaging, Channel.Social]),
            new OverheadPool("digital platform", Eur(9_999.99m), OverheadBasis.Contacts, [Channel.Chat, Channel.Messaging, Channel.Email, Channel.Chatbot])),
    };

    /// <summary>
    /// Rates with products that round: 34 an hour at 30 % shrinkage and 85 % occupancy (0.0159... micro-units a ms); IVR
    /// at 0.03 a minute is exactly 0.5 micro-units a ms, so every odd queue millisecond count is a half that rounds to even.
    /// </summary>
    private static CostModel Model(params OverheadPool[] overheads) => new(Currency.Eur,
    [
        new ChannelRates(Channel.Phone, Eur(34m), 0.30, 0.85, telephonyPerMinute: Eur(0.012m), ivrPerMinute: Eur(0.03m), platformPerContact: Eur(0.08m)),
        new ChannelRates(Channel.Email, Eur(34m), 0.30, 0.90, platformPerContact: Eur(0.02m)),
        new ChannelRates(Channel.Chat, Eur(34m), 0.30, 0.80, concurrency: 2.0, platformPerContact: Eur(0.05m)),
        new ChannelRates(Channel.Messaging, Eur(34m), 0.30, 0.80, concurrency: 2.5, platformPerContact: Eur(0.04m)),
        new ChannelRates(Channel.Social, Eur(31.7m), 0.27, 0.81, concurrency: 1.5, platformPerContact: Eur(0.05m)),
        new ChannelRates(Channel.SelfService, Eur(0m), 0, 1, platformPerContact: Eur(0.02m)),
        new ChannelRates(Channel.Chatbot, Eur(0m), 0, 1, botPerContact: Eur(0.30m)),
        new ChannelRates(Channel.Ivr, Eur(0m), 0, 1, telephonyPerMinute: Eur(0.012m), ivrPerMinute: Eur(0.03m)),
    ], overheads);

    private static Money Eur(decimal amount) => new(amount, Currency.Eur);

    /// <summary>Every figure of the results equal: totals, each group of each breakdown in order, each customer, the overheads.</summary>
    public static void ShouldEqual(CostToServeResult actual, CostToServeResult expected)
    {
        expected.Contacts.Should().BePositive("the demo has contacts");
        actual.Overall.Should().Be(expected.Overall);
        actual.ByChannel.Should().Equal(expected.ByChannel);
        actual.ByReason.Should().Equal(expected.ByReason);
        actual.BySegment.Should().Equal(expected.BySegment);
        actual.ByCustomer.Should().Equal(expected.ByCustomer);
        actual.Overheads.Should().Equal(expected.Overheads);
    }
}
