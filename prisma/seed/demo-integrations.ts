// Filled in by the inventory: the demo organisation's integrations.
export async function seedDemoIntegrations(_users: Record<string, string>, _admin: { id: string; label: string }): Promise<void> {}
