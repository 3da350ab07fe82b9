// jsdom's window lacks the encoders Node and the mini-program runtime both have.
const { TextEncoder, TextDecoder } = require('node:util');
Object.assign(globalThis, { TextEncoder, TextDecoder });
