using System.Diagnostics;
using System.Globalization;
using ContactMetrics.Simulation;

namespace ContactMetrics.Benchmarks;

/// <summary>
/// One timed pass of the simulator alone, its tables written as CSV (issue #13 item 6): <c>time-simulate N DIR stream</c>
/// streams the world (<see cref="ContactCenterSimulator.Stream(SimulationOptions, string)"/>), <c>time-simulate N DIR held</c>
/// holds it (<see cref="ContactCenterSimulator.Generate"/>, the baseline). Run each under <c>/usr/bin/time -v</c> for the
/// peak resident set; the telecom preset at the options' default seed (1).
/// </summary>
internal static class SimulationTiming
{
    internal static void Run(int customers, string dir, string mode)
    {
        var options = SimulationPresets.For(SimulationPreset.Telecom) with { Customers = customers };
        Directory.CreateDirectory(dir);
        var watch = Stopwatch.StartNew();
        long interactions;
        if (mode == "held")
        {
            var center = ContactCenterSimulator.Generate(options);
            interactions = Write(dir, center.Customers, center.Interactions, center.Purchases, center.Touchpoints, center.Conversions);
        }
        else
        {
            using var world = ContactCenterSimulator.Stream(options, dir);
            interactions = Write(dir, world.Customers, world.Interactions, world.Purchases, world.Touchpoints, world.Conversions);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}: {customers:N0} customers, {interactions:N0} interactions, {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    private static long Write(string dir, IEnumerable<Domain.Customer> customers, IEnumerable<Domain.Interaction> interactions, IEnumerable<Domain.Purchase> purchases,
        IEnumerable<Domain.Touchpoint> touchpoints, IEnumerable<Domain.Conversion> conversions)
    {
        Data.Tables.WriteCustomers(Path.Combine(dir, "customers.csv"), customers);
        long n = Data.Tables.WriteInteractions(Path.Combine(dir, "interactions.csv"), interactions);
        Data.Tables.WritePurchases(Path.Combine(dir, "purchases.csv"), purchases);
        Data.Tables.WriteTouchpoints(Path.Combine(dir, "touchpoints.csv"), touchpoints);
        Data.Tables.WriteConversions(Path.Combine(dir, "conversions.csv"), conversions);
        return n;
    }
}
