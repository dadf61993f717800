#:project ../../src/ContactMetrics/ContactMetrics.csproj

// Staffing: how many agents a service level needs (Erlang C), the day's plan for a call curve,
// and what a shorter handle time is worth in FTE and money.
// Run: dotnet run docs/samples/staffing.cs
using System.Globalization;
using ContactMetrics.Domain;
using ContactMetrics.Staffing;
using NodaTime;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// One half-hour: 100 calls, 180 s handle time, 80% answered within 20 s, 30% shrinkage.
var planner = new StaffingPlanner(StaffingTarget.ForServiceLevel(0.80, Duration.FromSeconds(20)), shrinkage: 0.30);
var load = new QueueLoad(100, Duration.FromMinutes(30), Duration.FromSeconds(180));
var need = planner.Plan(load);
Console.WriteLine($"Traffic: {load.TrafficErlangs:0.##} Erlangs");
Console.WriteLine($"Agents needed: {need.Agents}, scheduled after shrinkage: {need.ScheduledAgents} (limited by {need.LimitingConstraint})");
Console.WriteLine($"At {need.Agents} agents: service level {need.Metrics.ServiceLevel:P1}, ASA {need.Metrics.AverageSpeedOfAnswerSeconds:0.0} s, occupancy {need.Metrics.Occupancy:P1}");

// A day of half-hours, 08:00-20:00: a morning peak and a smaller afternoon one.
double[] calls = [40, 60, 85, 110, 130, 140, 135, 120, 105, 95, 90, 95, 105, 115, 120, 110, 95, 80, 70, 60, 50, 45, 40, 35];
var day = calls.Select(c => new QueueLoad(c, Duration.FromMinutes(30), Duration.FromSeconds(180))).ToList();
var plan = planner.Plan(day);
Console.WriteLine($"Day plan: {calls.Sum():N0} calls, peak {plan.Requirements.Max(r => r.Agents)} agents, {plan.TotalScheduledAgentHours:N1} scheduled agent-hours");

// What 15 seconds less handle time is worth on that day, at 32 EUR per loaded FTE hour and 7.6 paid hours per FTE.
var saving = planner.ValueOfAhtReduction(day, Duration.FromSeconds(15), new Money(32m, Currency.Eur), Duration.FromHours(7.6));
Console.WriteLine($"AHT -15 s: {saving.ScheduledAgentHoursSaved:N1} scheduled agent-hours a day saved = {saving.FteSaved:N2} FTE = {saving.MoneySaved} a day");
