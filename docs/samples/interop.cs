#:project ../../src/ContactMetrics/ContactMetrics.csproj
#:project ../../src/ContactMetrics.Data/ContactMetrics.Data.csproj
#:project ../../src/ContactMetrics.Interop/ContactMetrics.Interop.csproj
#:project ../../src/ContactMetrics.Simulation/ContactMetrics.Simulation.csproj

// The tables from the .NET data stack: interactions from an ADO.NET DbDataReader (here a DataTable's; a query on
// PostgreSQL, SQL Server or DuckDB gives the same), purchases from an Arrow IPC stream (as DuckDB, Polars or pyarrow
// write it), each validated as a file is; then one analysis, its CLV fit and business case printed as they are, and
// the per-customer forecast as a DataFrame.
// Run: dotnet run docs/samples/interop.cs
using System.Data;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ContactMetrics.Clv;
using ContactMetrics.Data;
using ContactMetrics.Domain;
using ContactMetrics.Interop;
using ContactMetrics.Simulation;
using ContactMetrics.Valuation;
using NodaTime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
var center = ContactCenterSimulator.Generate(new SimulationOptions { Seed = 7, Customers = 3_000, TimeZone = zone });

// 1. Interactions as a database gives them: timestamptz as DateTimeOffset, numbers typed, NULL as DBNull.
var table = new DataTable();
foreach (var (name, type) in new (string, Type)[]
{
    ("interaction_id", typeof(string)), ("customer_id", typeof(string)), ("agent_id", typeof(string)), ("channel", typeof(string)),
    ("direction", typeof(string)), ("reason", typeof(string)), ("arrived_at", typeof(DateTimeOffset)), ("answered_at", typeof(DateTimeOffset)),
    ("ended_at", typeof(DateTimeOffset)), ("talk_seconds", typeof(double)), ("hold_seconds", typeof(double)), ("acw_seconds", typeof(double)),
    ("resolved", typeof(bool)), ("transfers", typeof(int)), ("csat", typeof(int)), ("nps", typeof(int)), ("ces", typeof(int)),
})
{
    table.Columns.Add(name, type);
}
foreach (var i in center.Interactions)
{
    table.Rows.Add(i.Id.Value, Db(i.CustomerId?.Value), Db(i.AgentId?.Value), i.Channel.ToSchemaName(),
        i.Direction.ToSchemaName(), Db(i.Reason), i.ArrivedAt.ToDateTimeOffset(),
        Db(i.AnsweredAt?.ToDateTimeOffset()), i.EndedAt.ToDateTimeOffset(), i.Talk.TotalSeconds, i.Hold.TotalSeconds,
        i.AfterCallWork.TotalSeconds, Db(i.Resolved), i.Transfers, Db(i.Survey?.Csat), Db(i.Survey?.Nps), Db(i.Survey?.Ces));
}
List<Interaction> interactions;
using (var rows = table.CreateDataReader())
using (var reader = Tables.OpenInteractions(rows, "select * from interactions"))
{
    interactions = reader.ToList();
    Console.WriteLine($"DbDataReader: {reader.Report}");
}

// 2. Purchases through an Arrow IPC stream: timestamps with a zone, amounts as decimal128, currency dictionary-free.
var utc = new TimestampType(TimeUnit.Microsecond, "UTC");
var schema = new Schema(
[
    new Field("customer_id", StringType.Default, false), new Field("occurred_at", utc, false),
    new Field("amount", new Decimal128Type(18, 2), false), new Field("currency", StringType.Default, false),
], null);
var ids = new StringArray.Builder();
var times = new TimestampArray.Builder(utc);
var amounts = new Decimal128Array.Builder(new Decimal128Type(18, 2));
var currencies = new StringArray.Builder();
foreach (var p in center.Purchases)
{
    ids.Append(p.CustomerId.Value);
    times.Append(p.OccurredAt.ToDateTimeOffset());
    amounts.Append(p.Amount.Amount);
    currencies.Append(p.Amount.Currency.Code);
}
using var ipc = new MemoryStream();
using (var writer = new ArrowStreamWriter(ipc, schema, leaveOpen: true))
{
    writer.WriteRecordBatch(new RecordBatch(schema, [ids.Build(), times.Build(), amounts.Build(), currencies.Build()], center.Purchases.Count));
    writer.WriteEnd();
}
ipc.Position = 0;
List<Purchase> purchases;
using (var stream = new ArrowStreamReader(ipc))
using (var reader = ArrowTables.OpenPurchases(stream, "purchases.arrows"))
{
    purchases = reader.ToList();
    Console.WriteLine($"Arrow: {reader.Report}");
}

// 3. One analysis of the tables; its results print themselves.
var data = ContactCenterData.Create(center.Customers, interactions, purchases, center.Touchpoints, center.Conversions);
var analysis = ContactCenterAnalysis.Create(data, data.Window(zone), AnalysisOptions.Default with { Rates = ExampleRates.For(center), RatesSource = "example rates (assumed)" });
if (analysis.Clv.TryGetValue(out var clv))
{
    Console.WriteLine(clv.Transactions);
    Console.WriteLine(clv.Spend);
    var forecast = ClvForecast.Compute(ClvTransactionModel.BgNbd, clv.Summary, clv.Horizon, analysis.Options.Margin);
    Console.WriteLine(forecast);
    var frame = DataFrameTables.ToDataFrame(clv.Summary, forecast);
    Console.WriteLine($"DataFrame: {frame.Rows.Count:N0} rows, columns {string.Join(", ", frame.Columns.Select(c => c.Name))}");
}
Console.WriteLine(analysis.FcrBusinessCase);

static object Db(object? value) => value ?? DBNull.Value;
