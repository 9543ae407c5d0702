import { git } from '/work/main/electron/engine/git/git.ts';
const r = await git({ name: 'x', cwd: '/tmp', args: ['--version'] }); console.log(r);
const d = '/tmp/gtrepo'; 
await import('node:fs').then(f=>{f.rmSync(d,{recursive:true,force:true}); f.mkdirSync(d)});
await git({name:'init', cwd:d, args:['init','-q','-b','main']});
console.log(await git({name:'st', cwd:d, args:['status','--porcelain'], readOnly:true}));
try { await git({name:'rp', cwd:d, args:['rev-parse','--verify','HEAD']}); } catch(e) { console.log('ERR', e.name, e.code, e.message, e.exitCode); }
const r2 = await git({name:'rp', cwd:d, args:['rev-parse','--verify','-q','HEAD'], okExitCodes:[1]}); console.log(r2);
console.log(await git({name:'hash', cwd:d, args:['hash-object','--stdin'], input:'hello\n'}));
console.log(await git({name:'cfg', cwd:d, args:['-c','core.hooksPath=/dev/null','-c','core.fsmonitor=false','status'], env:{GIT_INDEX_FILE: d+'/.git/tmpidx'}}));
try { await git({name:'slow', cwd:d, args:['hash-object','--stdin'], timeoutMs:300, input: undefined}); } catch(e) { console.log('ERR2', e.kind, e.message); }
