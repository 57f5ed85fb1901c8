using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Rims.Agents.Settings;

/// <summary>
/// A member's XML-doc summary as one line of plain text, read from the documentation file the build writes beside
/// the assembly (GenerateDocumentationFile, Directory.Build.props), so a setting's doc comment is also its --help line.
/// </summary>
public static partial class XmlDocSummary
{
    private static readonly Dictionary<Assembly, Dictionary<string, string>> Files = [];

    /// <summary>The summary of <paramref name="property"/>; empty when the documentation file or the entry is missing.</summary>
    public static string Of(PropertyInfo property)
    {
        var summaries = SummariesOf(property.DeclaringType!.Assembly);
        return summaries.GetValueOrDefault($"P:{property.DeclaringType.FullName}.{property.Name}", "");
    }

    private static Dictionary<string, string> SummariesOf(Assembly assembly)
    {
        lock (Files)
        {
            if (Files.TryGetValue(assembly, out var cached)) return cached;
            string folder = assembly.Location.Length > 0 ? Path.GetDirectoryName(assembly.Location)! : AppContext.BaseDirectory;
            string file = Path.Combine(folder, assembly.GetName().Name + ".xml");
            var summaries = new Dictionary<string, string>();
            if (File.Exists(file))
                foreach (var member in XDocument.Load(file).Descendants("member"))
                    if (member.Attribute("name")?.Value is { } name && member.Element("summary") is { } summary)
                        summaries[name] = PlainText(summary);
            return Files[assembly] = summaries;
        }
    }

    // <see cref="T:A.B.C"/> reads as C, <c>x</c> as x; line breaks and indentation collapse to single spaces.
    private static string PlainText(XElement summary)
    {
        string text = string.Concat(summary.Nodes().Select(node => node switch
        {
            XElement { Name.LocalName: "see" or "seealso" } see => CrefName(see.Attribute("cref")?.Value) ?? see.Attribute("langword")?.Value ?? see.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference.Attribute("name")?.Value ?? "",
            XElement element => element.Value,
            _ => node.ToString(),
        }));
        return Spaces().Replace(System.Net.WebUtility.HtmlDecode(text), " ").Trim();
    }

    // "M:Rims.Agents.Ppo.PpoConfig.DefaultThreads(Rims.Envs.ObservationSpec)" reads as DefaultThreads.
    private static string? CrefName(string? cref) => cref?.Split('(')[0].Split('.', ':')[^1];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
