'use strict';
// Node ws peer for the Confab benchmarks: the core chat subset (join_room, send_message -> message broadcast
// with seq and timestamp), no storage, no compression. Each broadcast is serialized once (JSON.stringify, then one
// Buffer) and handed to every member's ws.send. Usage: node server.js --port P [--bind 127.0.0.1] [--backlog N]
const http = require('http');
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const port = Number(opt('--port', '7491'));
const bind = opt('--bind', '127.0.0.1');
const backlog = Number(opt('--backlog', '1024'));

const rooms = new Map(); // name -> { members: Set<WebSocket>, lastSeq }
let users = 0;

function room(name) {
  let r = rooms.get(name);
  if (!r) {
    r = { members: new Set(), lastSeq: 0 };
    rooms.set(name, r);
  }
  return r;
}

const server = http.createServer((req, res) => {
  res.writeHead(426);
  res.end();
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 });
server.on('upgrade', (req, socket, head) => {
  if (!req.url.startsWith('/ws') && req.url !== '/') {
    socket.destroy();
    return;
  }
  socket.setNoDelay(true);
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

wss.on('connection', (ws) => {
  const username = 'peer' + (++users);
  const joined = new Set();
  ws.on('message', (raw) => {
    let frame;
    try {
      frame = JSON.parse(raw);
    } catch (e) {
      return;
    }
    if (frame.type === 'join_room') {
      const r = room(frame.room);
      r.members.add(ws);
      joined.add(r);
      ws.send(JSON.stringify({
        type: 'joined_room', room: frame.room, timestamp: new Date().toISOString(),
        data: { members: [], last_seq: r.lastSeq, epoch: 'node-peer', has_more: false },
      }));
    } else if (frame.type === 'send_message') {
      const r = room(frame.room);
      const data = frame.data || {};
      const message = {
        type: 'message', room: frame.room, sender: username, timestamp: new Date().toISOString(),
        data: { seq: ++r.lastSeq, content: data.content, user_id: username, username: username },
      };
      if (data.client_id !== undefined) {
        message.data.client_id = data.client_id;
      }
      const encoded = Buffer.from(JSON.stringify(message));
      for (const member of r.members) {
        member.send(encoded, { binary: false });
      }
    }
  });
  ws.on('close', () => {
    for (const r of joined) {
      r.members.delete(ws);
    }
  });
  ws.on('error', () => ws.terminate());
});

server.listen({ port, host: bind, backlog }, () => {
  console.log(`Node ws peer listening on ws://${bind}:${port}/ws`);
});
