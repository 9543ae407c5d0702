import { generateRepo } from '/work/main/electron/engine/bench/generate-repo.ts';
console.log(generateRepo('/dev/shm/bt', 30000, console.log));
