#!/usr/bin/env node
// Test-only: parse a GEXF file with graphology-gexf (the GEXF parser Gephi Lite uses) and print
// JSON with node/edge counts and attribute names, so a Python test can compare them with kb's.
// Usage: node parse_gexf.js FILE.gexf
'use strict';

const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

function countBy(iterate, key) {
  const counts = {};
  iterate((_id, attrs) => {
    const value = attrs[key] === undefined ? '' : String(attrs[key]);
    counts[value] = (counts[value] || 0) + 1;
  });
  return counts;
}

function attributeNames(iterate) {
  const names = new Set();
  iterate((_id, attrs) => Object.keys(attrs).forEach((k) => names.add(k)));
  return Array.from(names).sort();
}

function main() {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write('usage: node parse_gexf.js FILE.gexf\n');
    process.exit(2);
  }
  // Strict: undeclared attributes and edges to missing nodes are errors, as in Gephi Lite.
  const graph = gexf.parse(Graph, fs.readFileSync(path, 'utf8'), {
    addMissingNodes: false,
    allowUndeclaredAttributes: false,
  });
  const nodes = (cb) => graph.forEachNode(cb);
  const edges = (cb) => graph.forEachEdge((id, attrs) => cb(id, attrs));
  process.stdout.write(
    JSON.stringify({
      nodes: graph.order,
      edges: graph.size,
      type: graph.type,
      multi: graph.multi,
      nodeAttributes: attributeNames(nodes),
      edgeAttributes: attributeNames(edges),
      nodeTypes: countBy(nodes, 'type'),
      edgeRelations: countBy(edges, 'relation'),
      meta: graph.getAttributes(),
    }) + '\n'
  );
}

main();
