r"""One-time conversion of the seed notes into one MkDocs page per chapter.

This was run once to create ``docs/``; the pages are the source of truth since
then and are edited by hand. It is kept so that the conversion can be reviewed
and, if ever needed, repeated on a fresh seed (``--force`` overwrites pages).

What it does, fence-aware (nothing inside a fenced code block is touched
except its indentation, which moves with its fence):
- drops the doctoc table of contents;
- splits the notes at their ``##`` headings into the chapters below;
- doubles list indentation (GitHub nests lists at 2 spaces, Python-Markdown at 4);
- fixes markup slips: ``•`` bullets, ``*TCP``, ``\\$``, the broken DNS glossary row;
- turns raw URLs into links, and example URLs (example.com, the metadata IP,
  placeholder bucket names) into code, since they are not meant to be visited;
- turns the notes' ``Q:``/``A:`` pairs into collapsible question admonitions;
- fixes the two image references with wrong paths and gives every image alt
  text made from its file name;
- writes the abbreviations as ``includes/abbreviations.md``;
- keeps the image references: the seed ships no images, so until each one was
  replaced by an original figure the build fails on them (the site's first
  version tracked them in a backlog, retired once every figure was drawn).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studysite.markdown_text import fenced_lines

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Chapter:
    """A site page made of one or more of the notes' ``##`` sections."""

    slug: str
    title: str
    description: str
    sections: tuple[str, ...]


CHAPTERS = [
    Chapter(
        "introduction",
        "Introduction to AWS",
        "What AWS is, what it is used for, and its global infrastructure: Regions, "
        "Availability Zones, edge locations, global and regional services.",
        ("AWS", "Usecases", "Global infrastructure"),
    ),
    Chapter(
        "iam",
        "IAM and access to AWS",
        "IAM users, groups, policies and roles, security best practices, the shared "
        "responsibility model, and how users reach AWS through the console, CLI and SDK.",
        ("IAM: Users & Groups", "How can users access AWS ?"),
    ),
    Chapter(
        "ec2",
        "EC2, security groups and storage",
        "EC2 sizing, user data, instance types and purchasing options, security groups, "
        "SSH, EBS, snapshots, AMIs, instance store and EFS.",
        ("EC2", "Security groups"),
    ),
    Chapter(
        "elb-asg",
        "ELB and Auto Scaling",
        "Scalability and high availability, the four Elastic Load Balancer types, sticky "
        "sessions, cross-zone balancing, TLS and SNI, and Auto Scaling Groups and policies.",
        ("Scalability and High Availability",),
    ),
    Chapter(
        "rds-aurora-elasticache",
        "RDS, Aurora and ElastiCache",
        "Amazon RDS read replicas and Multi-AZ, Aurora, RDS Proxy, ElastiCache caching "
        "strategies and MemoryDB for Redis.",
        ("RDS + Aurora + Elasticache",),
    ),
    Chapter(
        "route53",
        "Route 53",
        "DNS basics, Route 53 records, hosted zones, TTL, CNAME versus alias, routing policies and health checks.",
        ("Amazon Route 53",),
    ),
    Chapter(
        "vpc",
        "VPC",
        "VPC fundamentals: subnets, internet and NAT gateways, NACLs and security groups, "
        "flow logs, peering, endpoints, VPN and Direct Connect.",
        ("Amazon VPC",),
    ),
    Chapter(
        "s3",
        "S3",
        "Amazon S3 buckets and objects, bucket policies, static website hosting, "
        "versioning, replication and storage classes.",
        ("S3",),
    ),
    Chapter(
        "cli-sdk",
        "AWS CLI and SDK",
        "EC2 instance metadata (IMDSv2), MFA with the CLI, the AWS SDKs, API limits and "
        "exponential backoff, the credentials provider chain and SigV4 signing.",
        ("AWS CLI, SDK, IAM Roles & Policies",),
    ),
    Chapter(
        "s3-advanced",
        "S3 advanced",
        "S3 lifecycle rules, storage class analysis, event notifications, baseline "
        "performance, multi-part upload, transfer acceleration, byte-range fetches and metadata.",
        ("S3 - Advanced",),
    ),
    Chapter(
        "s3-security",
        "S3 security",
        "S3 encryption (SSE-S3, SSE-KMS, SSE-C, client-side), encryption in transit, "
        "CORS, MFA Delete, access logs, pre-signed URLs, access points and Object Lambda.",
        ("S3 - Security",),
    ),
    Chapter(
        "cloudfront",
        "CloudFront",
        "CloudFront origins, caching and cache keys, cache and origin request policies, "
        "invalidations, behaviors, geo restriction, signed URLs, pricing and origin groups.",
        ("CloudFront",),
    ),
    Chapter(
        "containers",
        "Containers on AWS",
        "Docker, Amazon ECS (EC2 and Fargate launch types, IAM roles, load balancing, "
        "auto scaling, task placement), ECR, AWS Copilot and EKS.",
        ("Containers on AWS",),
    ),
    Chapter(
        "elastic-beanstalk",
        "Elastic Beanstalk",
        "AWS Elastic Beanstalk components, environments, deployment modes and options, "
        "lifecycle policies, extensions, cloning, migrations and Docker.",
        ("AWS Elastic Beanstalk",),
    ),
    Chapter(
        "cloudformation",
        "CloudFormation",
        "AWS CloudFormation templates and stacks: resources, parameters, mappings, outputs, "
        "conditions, intrinsic functions, rollbacks, change sets, stack sets and more.",
        ("AWS CloudFormation",),
    ),
    Chapter(
        "sqs",
        "SQS",
        "Application integration and Amazon SQS: standard and FIFO queues, visibility "
        "timeout, long polling, dead letter queues, delay queues and the extended client.",
        ("AWS Integration & Messaging",),
    ),
    Chapter(
        "sns",
        "SNS",
        "Amazon SNS topics and subscriptions, the fan-out pattern with SQS, FIFO topics and message filtering.",
        ("SNS",),
    ),
    Chapter(
        "kinesis",
        "Kinesis, Firehose and Flink",
        "Kinesis Data Streams, producers and consumers, the KCL, Amazon Data Firehose, "
        "Managed Service for Apache Flink, and SQS vs SNS vs Kinesis.",
        (
            "Kinesis Overview",
            "Amazon Data Firehose",
            "Kinesis Data Streams vs Amazon Data Firehose",
            "Amazon Managed Service for Apache Flink",
            "SQS vs SNS vs Kinesis",
        ),
    ),
]

FENCE = re.compile(r"^(\s*)(```|~~~)")
EXAMPLE_URL = re.compile(r"example\.com|google\.com|169\.254\.169\.254|bucket-name|aws-region")
RAW_URL = re.compile(r"(?<!\]\()(?<![<`\w])(https?://[^\s)<>`]+[^\s)<>`.,:;])")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
IMAGE_PATH_FIXES = {
    "migration/kcl_example_6_shards_scaling_kcl.png": "images/kcl_example_6_shards_scaling_kcl.png",
    "sqs_vs_sns_vs_kinesis.png": "images/sqs_vs_sns_vs_kinesis.png",
}
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


def humanize(file_name: str) -> str:
    """``ebs_attached.png`` -> ``EBS attached``, keeping known acronyms upper-case."""
    stem = Path(file_name).stem.replace("-", "_")
    acronyms = {
        "ebs",
        "efs",
        "ec2",
        "ami",
        "alb",
        "nlb",
        "elb",
        "gwlb",
        "asg",
        "rds",
        "sqs",
        "sns",
        "kcl",
        "ecs",
        "ecr",
        "eks",
        "ssl",
        "tls",
        "sni",
        "iam",
        "vpc",
        "s3",
        "cli",
        "sdk",
        "dns",
        "kms",
        "sse",
        "cors",
        "mfa",
        "crr",
        "srr",
        "ttl",
        "imds",
        "nacl",
        "nat",
        "az",
        "sg",
        "http",
        "https",
        "url",
        "api",
        "oac",
        "ssd",
        "hdd",
        "io1",
        "io2",
        "gp2",
        "gp3",
        "fifo",
        "dlq",
        "lb",
        "ip",
        "aws",
    }
    words = [w.upper() if w.lower() in acronyms else w for w in stem.split("_") if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def split_fenced(lines: list[str]) -> list[tuple[str, bool]]:
    """Pair each line with whether it is inside (or is) a fenced code block."""
    return list(fenced_lines(lines))


def github_equivalent(text: str) -> str:
    """The seed with only its markup slips fixed, still in GitHub's dialect.

    Tests render this with GitHub's engine and compare it with the built site,
    so the comparison allows exactly the fixes this script makes.
    """
    lines = []
    for line, fenced in split_fenced(text.splitlines()):
        if not fenced:
            if re.match(r"^\s*[*+-]\s*$", line):
                continue
            line = fix_markup(line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def fix_markup(line: str) -> str:
    line = re.sub(r"^(\s*)• ?", r"\1* ", line)
    line = re.sub(r"^(\s*)\*TCP", r"\1* TCP", line)
    line = line.replace("\\$", "$")
    # An ordered item indented by 3 where its siblings use 2 (IMDSv2 steps).
    line = re.sub(r"^   (\d+\. )", r"  \1", line)
    return line


def link_urls(line: str) -> str:
    def replace(match: re.Match[str]) -> str:
        url = match.group(1)
        if EXAMPLE_URL.search(url):
            return f"`{url}`"
        return f"<{url}>"

    # Leave inline code alone: split on backtick spans.
    parts = re.split(r"(`[^`]*`)", line)
    return "".join(p if p.startswith("`") else RAW_URL.sub(replace, p) for p in parts)


def fix_images(line: str) -> str:
    def replace(match: re.Match[str]) -> str:
        src = IMAGE_PATH_FIXES.get(match.group(2), match.group(2))
        return f"![{humanize(Path(src).name)}]({src})"

    return IMAGE.sub(replace, line)


def reindent(line: str, extra: int) -> str:
    stripped = line.lstrip(" ")
    return " " * (2 * (len(line) - len(stripped)) + extra) + stripped if stripped else ""


def convert_body(lines: list[str]) -> list[str]:
    """Re-indent and clean a chapter body; Q/A pairs become admonitions."""
    out: list[str] = []
    fence_shift = 0
    pairs = split_fenced(lines)
    i = 0
    while i < len(pairs):
        line, fenced = pairs[i]
        if fenced:
            match = FENCE.match(line)
            indent = len(line) - len(line.lstrip(" "))
            if match and (i == 0 or not pairs[i - 1][1]):
                # Opening fence: a block inside a list item moves with the doubled
                # indentation; one right under a heading goes to the left margin.
                fence_shift = -indent if out and out[-1].startswith("#") else indent
            if line.strip():
                width = len(line) - len(line.lstrip(" "))
                out.append(" " * max(0, width + fence_shift) + line.lstrip(" "))
            else:
                out.append("")
            i += 1
            continue
        text = fix_markup(line.rstrip())
        question = re.match(r"^\s*(?:\* )?Q: (.*?)\s*$", text)
        if question and i + 1 < len(pairs):
            answer = re.match(r"^\s*A: (.*?)\s*$", pairs[i + 1][0])
            if answer:
                if out and out[-1].strip():
                    out.append("")
                out.append(f'??? question "{question.group(1)}"')
                out.append("")
                out.append(f"    **Answer:** {link_urls(answer.group(1))}")
                out.append("")
                i += 2
                continue
        if re.match(r"^\s*[*+-]\s*$", text):
            i += 1  # an empty list item (a slip: it would read as a heading underline)
            continue
        text = fix_images(link_urls(text))
        out.append(reindent(text, 0))
        i += 1
    return out


LIST_ITEM = re.compile(r"^(\s*)([*+-]|\d+\.)(\s+\S|\s*$)")


def separate_lists(lines: list[str]) -> list[str]:
    """Put a blank line before a list that follows a paragraph line directly.

    GitHub starts a list there; Python-Markdown would fold it into the paragraph.
    """
    out: list[str] = []
    for (line, fenced), previous in zip(split_fenced(lines), [("", False), *split_fenced(lines)], strict=False):
        prev_line = previous[0]
        if (
            not fenced
            and LIST_ITEM.match(line)
            and prev_line.strip()
            and not LIST_ITEM.match(prev_line)
            and len(prev_line) - len(prev_line.lstrip()) <= len(line) - len(line.lstrip())
        ):
            out.append("")
        out.append(line)
    return out


def indent_lazy_lines(lines: list[str]) -> list[str]:
    """Indent a list item's lazy continuation lines under the item.

    GitHub continues an item's paragraph on a following line at any indent;
    Python-Markdown needs it indented to the item's content (4 spaces deeper).
    """
    out: list[str] = []
    item_indent: int | None = None
    previous_blank = True
    for line, fenced in split_fenced(lines):
        if fenced or not line.strip():
            out.append(line)
            previous_blank = not fenced
            continue
        indent = len(line) - len(line.lstrip())
        if LIST_ITEM.match(line):
            item_indent = indent
        elif line.startswith("#"):
            item_indent = None
        elif (
            item_indent is not None
            and not previous_blank
            and indent <= item_indent
            and (indent > 0 or item_indent > 0)
            and not line.lstrip().startswith(("#", "|"))
        ):
            line = " " * (item_indent + 4) + line.lstrip()
        elif previous_blank and item_indent is not None and indent <= item_indent:
            item_indent = None
        previous_blank = False
        out.append(line)
    return out


def separate_loose_items(lines: list[str]) -> list[str]:
    """Put a blank line before an item that follows a loose (blank-separated) nested list.

    Python-Markdown would otherwise nest the item inside the previous one.
    """
    out: list[str] = []
    blank_since: dict[int, bool] = {}
    for line, fenced in split_fenced(lines):
        if not fenced and LIST_ITEM.match(line):
            indent = len(line) - len(line.lstrip())
            previous = out[-1] if out else ""
            if previous.strip() and len(previous) - len(previous.lstrip()) > indent and blank_since.get(indent):
                out.append("")
            for key in blank_since:
                if key >= indent:
                    blank_since[key] = False
            blank_since[indent] = False
        elif not fenced and not line.strip():
            blank_since = dict.fromkeys(blank_since, True)
        elif not fenced and not line.startswith(" "):
            blank_since = {}
        out.append(line)
    return out


def fix_list_structure(lines: list[str]) -> list[str]:
    """Make Python-Markdown nest the notes' lists the way GitHub does."""
    return separate_loose_items(indent_lazy_lines(separate_lists(lines)))


def heading_text(line: str) -> str | None:
    match = HEADING.match(line)
    return match.group(2) if match else None


def split_sections(lines: list[str]) -> dict[str, list[str]]:
    """The notes' ``##`` sections by title, in order (fence-aware)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line, fenced in split_fenced(lines):
        if not fenced and line.startswith("## "):
            current = line[3:].strip()
            sections[current] = [line]
        elif current is not None:
            sections[current].append(line)
    return sections


def glossary(lines: list[str]) -> list[str]:
    rows = []
    for line in split_sections(lines)["Abbreviations"]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or cells[0] in ("Abbreviation", "") or set(cells[0]) <= {"-"}:
            continue
        term, meaning = cells
        if term == "DNS Domain":  # markup slip: the row's cell border sits inside the term
            term, meaning = "DNS", "Domain Name Service"
        rows.append(f"*[{term}]: {meaning}")
    return rows


def yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=Path)
    parser.add_argument("--force", action="store_true", help="overwrite existing pages")
    args = parser.parse_args()

    text = args.seed.read_text(encoding="utf-8")
    text = text.split("<!-- END doctoc generated TOC please keep comment here to allow auto update -->", 1)[-1]
    lines = text.splitlines()
    sections = split_sections(lines)

    used = {"Abbreviations"}
    for chapter in CHAPTERS:
        page = ROOT / "docs" / f"{chapter.slug}.md"
        if page.exists() and not args.force:
            print(f"{page} exists; pass --force to overwrite", file=sys.stderr)
            return 1
        body: list[str] = []
        for title in chapter.sections:
            used.add(title)
            body.extend(fix_list_structure(convert_body(sections[title])))
            while body and not body[-1].strip():
                body.pop()
            body.append("")
        header = [
            "---",
            f"description: {yaml_str(chapter.description)}",
            "---",
            "",
            f"# {chapter.title}",
            "",
        ]
        footer = ["## Check yourself", "", f"<!-- quiz: {chapter.slug} -->", ""]
        page_lines = header + body + footer
        page.write_text("\n".join(page_lines), encoding="utf-8")

    missing = [title for title in sections if title not in used]
    if missing:
        print(f"sections not placed in any chapter: {missing}", file=sys.stderr)
        return 1
    (ROOT / "includes" / "abbreviations.md").write_text("\n".join(glossary(lines)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
