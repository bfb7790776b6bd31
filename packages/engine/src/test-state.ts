export interface TestStateOptions { input?: unknown }
export interface TestStateResult { status: string }
export async function testState(): Promise<TestStateResult> { return { status: 'FAILED' }; }
